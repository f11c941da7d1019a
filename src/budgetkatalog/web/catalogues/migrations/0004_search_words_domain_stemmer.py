"""The portable search's stored stems, recomputed with the domain's Danish stemmer
(``core.words.stem``), so stored and query words are stemmed alike."""

from django.db import migrations


def restem(apps, schema_editor):  # type: ignore[no-untyped-def]
    from budgetkatalog.web.catalogues.search import search_words

    published = apps.get_model("catalogues", "PublishedProposal")
    for row in published.objects.only("pk", "search_text").iterator():
        published.objects.filter(pk=row.pk).update(search_words=search_words(row.search_text))


class Migration(migrations.Migration):

    dependencies = [
        ('catalogues', '0003_proposal_slug_unique'),
    ]

    operations = [
        migrations.RunPython(restem, migrations.RunPython.noop),
    ]
