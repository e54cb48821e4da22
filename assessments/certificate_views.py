"""Certificate pages: the learner's list, one certificate (HTML and PDF), and the public check at /verify/."""

import html
import logging

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from . import pdf
from .certificates import certificate_text, find_certificate, grouped_code, normalise_code
from .models import Certificate, new_verification_code

logger = logging.getLogger(__name__)
CODE_LENGTH = len(new_verification_code())
CODE_ALPHABET = set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")


def _can_see(user, certificate):
    """The learner, and staff who manage certificates in the admin."""
    return certificate.learner_id == user.pk or user.has_perm("assessments.change_certificate")


def _own_certificate(request, code):
    certificate = find_certificate(code)
    if certificate is None or not _can_see(request.user, certificate):
        raise Http404(_("There is no certificate with this code among yours."))
    return certificate


def _qr_svg(url):
    """An inline SVG QR code for ``url``, sized by CSS, with an accessible name."""
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=1, border=2, omitsize=True, svgclass="certificate-qr", lineclass=None)
    label = html.escape(_("QR code: scan it to check this certificate"), quote=True)
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308 (segno's own markup)


@login_required
@require_safe
def my_certificates(request):
    certificates = list(Certificate.objects.filter(learner=request.user).order_by("-issued_at"))
    english = (request.LANGUAGE_CODE or "").startswith("en")
    rows = [(c, (c.course_title_en if english else "") or c.course_title) for c in certificates]
    return render(request, "assessments/certificate_list.html", {"rows": rows})


@login_required
@require_safe
@cache_control(private=True)
def certificate_page(request, code):
    certificate = _own_certificate(request, code)
    if certificate.code != code:
        return redirect("assessments:certificate", code=certificate.code)
    text = certificate_text(certificate=certificate, request=request)
    return render(
        request,
        "assessments/certificate.html",
        {"certificate": certificate, "text": text, "qr_svg": _qr_svg(text.verify_url)},
    )


@login_required
@require_safe
@cache_control(private=True)
def certificate_pdf(request, code):
    certificate = _own_certificate(request, code)
    if not certificate.is_valid:
        return redirect("assessments:certificate", code=certificate.code)
    text = certificate_text(certificate=certificate, request=request)
    try:
        data = pdf.certificate_pdf(certificate=certificate, text=text)
    except pdf.CertificateFontMissing:
        logger.exception("Cannot make a certificate PDF")
        context = {"certificate": certificate, "text": text, "qr_svg": _qr_svg(text.verify_url)}
        return render(request, "assessments/certificate.html", {**context, "pdf_unavailable": True}, status=503)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


class VerifyCodeForm(forms.Form):
    """The code as someone types it from a printed certificate or hears it on the phone."""

    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=40,
        help_text=gettext_lazy("12 letters and digits, printed under the QR code. Spaces and dashes do not matter."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "class": "code-input"}
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH or not set(code) <= CODE_ALPHABET:
            raise forms.ValidationError(
                _("A verification code has %(count)s letters and digits (no 0, 1, I, L or O). Please check it."),
                params={"count": CODE_LENGTH},
            )
        return code


@require_safe
@never_cache
def verify(request, code=None):
    """Public: is this certificate valid, for whom and for which course. Nothing else is shown."""
    if code is None:
        form = VerifyCodeForm(request.GET) if "code" in request.GET else VerifyCodeForm()
        if form.is_bound and form.is_valid():
            return redirect("certificate_verify", code=form.cleaned_data["code"])
        return render(request, "assessments/verify_form.html", {"form": form}, status=400 if form.is_bound else 200)
    certificate = find_certificate(code)
    if certificate is None:
        form = VerifyCodeForm(initial={"code": grouped_code(normalise_code(code)[:CODE_LENGTH])})
        return render(request, "assessments/verify_unknown.html", {"form": form}, status=404)
    if certificate.code != code:
        # One address per certificate, whatever spelling was typed.
        return redirect("certificate_verify", code=certificate.code)
    text = certificate_text(certificate=certificate, request=request)
    return render(request, "assessments/verify.html", {"certificate": certificate, "text": text})
