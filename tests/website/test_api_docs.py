import pytest

pytestmark = pytest.mark.django_db


def test_openapi_schema_documents_only_the_public_api(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Lerend stelsel inburgering API"
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_human_readable_docs_render_without_external_scripts(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/schema/" in html
    assert "Authorization: Token" in html
    # Only same-origin scripts (the CSP allows nothing else); no CDN-hosted API viewer.
    assert 'src="http' not in html and "<script>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
