import pytest

from knowledge.services import ensure_knowledge_tree
from taxonomy.models import Phase, Theme


@pytest.fixture
def kb(db, home_page):
    """The kennisbank tree (index, question index, handreiking index) with its workflow."""
    return ensure_knowledge_tree(home_page)


@pytest.fixture
def theme(db):
    return Theme.objects.get(slug="b1-route")


@pytest.fixture
def other_theme(db):
    return Theme.objects.get(slug="pip")


@pytest.fixture
def phase(db):
    return Phase.objects.get(number=4)
