import pytest
from django.core.exceptions import ValidationError

from accounts.phone import display_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("13800138000", "+8613800138000"),
        ("138 0013 8000", "+8613800138000"),
        ("138-0013-8000", "+8613800138000"),
        ("１３８００１３８０００", "+8613800138000"),  # full-width digits from a phone keyboard
        ("+86 138 0013 8000", "+8613800138000"),
        ("0086 13800138000", "+8613800138000"),
        ("8613800138000", "+8613800138000"),
        ("(+86)13800138000", "+8613800138000"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_numbers_are_normalised_to_e164(typed, expected):
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize("typed", ["", "12345", "23800138000", "+86 123", "hello", "1380013800", "+8612800138000"])
def test_bad_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


def test_display_groups_digits():
    assert display_phone("+8613800138000") == "138 0013 8000"
    assert display_phone("+442079460958") == "+442079460958"
