import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0005_partners_inzetten_sharing_basis"),
        ("kwesties", "0001_kwesties_and_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="kwestie",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="casework.partner",
                verbose_name="partner",
            ),
        ),
    ]
