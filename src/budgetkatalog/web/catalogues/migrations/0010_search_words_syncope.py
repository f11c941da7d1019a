"""The search's stored keys recomputed with ``core.words.search_stem``, which folds
"jobcenter", "jobcenteret" and "jobcentret" to one key, so stored and query words
are keyed alike on every database."""

from django.db import migrations


def rekey(apps, schema_editor):  # type: ignore[no-untyped-def]
    from budgetkatalog.web.catalogues.search import search_words

    published = apps.get_model("catalogues", "PublishedProposal")
    for row in published.objects.only("pk", "search_text").iterator():
        published.objects.filter(pk=row.pk).update(search_words=search_words(row.search_text))


class Migration(migrations.Migration):

    dependencies = [
        ('catalogues', '0009_return_reason'),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
