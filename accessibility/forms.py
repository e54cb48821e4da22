"""Form fields that accept what people type on phones, including by voice."""

from django import forms

from .text import normalise_typed_text


class TypedTextField(forms.CharField):
    """A CharField that normalises voice-input text before validation."""

    def to_python(self, value):
        return normalise_typed_text(super().to_python(value))
