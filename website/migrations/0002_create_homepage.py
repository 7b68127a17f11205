from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("website", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    if HomePage.objects.exists():
        return
    # Wagtail's initial migration creates a placeholder "Welcome" page; replace it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="website")
    locale = Locale.objects.first()
    home = HomePage.objects.create(
        title="Lerend stelsel inburgering",
        draft_title="Lerend stelsel inburgering",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Lerend stelsel inburgering")


class Migration(migrations.Migration):
    dependencies = [("website", "0001_initial"), ("wagtailcore", "0001_initial")]
    run_before = []
    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
