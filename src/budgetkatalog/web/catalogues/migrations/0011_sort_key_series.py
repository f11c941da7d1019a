"""Proposals' stored sort keys recomputed with series ("UV 1", "ØK-01" and "B&U 2" sort
by series and then number, ``domain.sort_key``); keys stored before read every
lettered number as 0, so such catalogues listed in no particular order."""

from django.db import migrations


def rekey(apps, schema_editor):  # type: ignore[no-untyped-def]
    from budgetkatalog.web.catalogues.domain import sort_key

    for name in ("Proposal", "PublishedProposal"):
        model = apps.get_model("catalogues", name)
        for row in model.objects.only("pk", "number", "sort_key").iterator():
            key = sort_key(row.number)
            if key != row.sort_key:
                model.objects.filter(pk=row.pk).update(sort_key=key)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogues', '0010_search_words_syncope'),
    ]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
