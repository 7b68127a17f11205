"""The text policy refuses over-long text with a clear message; it never cuts text off."""

import pytest
from django.core.exceptions import ValidationError

from core.text import clean_plain_text


def test_markup_is_removed_and_text_within_the_limit_is_kept_whole():
    assert clean_plain_text("<b>Vet</b> en gewoon", max_length=20) == "Vet en gewoon"


def test_over_long_text_is_refused_with_the_limit_and_the_length():
    with pytest.raises(ValidationError) as excinfo:
        clean_plain_text("x" * 1001, max_length=1000)
    assert excinfo.value.code == "max_length"
    assert "1000" in excinfo.value.messages[0] and "1001" in excinfo.value.messages[0]


def test_required_text_must_be_there():
    with pytest.raises(ValidationError) as excinfo:
        clean_plain_text("  <p></p> ", max_length=10, required=True, label="een titel")
    assert excinfo.value.messages == ["Vul een titel in."]
    assert clean_plain_text(None, max_length=10) == ""
