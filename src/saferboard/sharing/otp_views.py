"""Information-sharing pages: setting up an authenticator app and verifying a session
with it (two-factor authentication before anyone opens a request)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from saferboard.core.forms import GovUKForm
from saferboard.core.permissions import PartnershipMixin
from saferboard.sharing import otp, selectors

WRONG_CODE = (
    "That code is not right: enter the code the app shows now (it changes every 30 seconds). "
    "After several wrong codes, wait a little before trying again."
)


class CodeForm(GovUKForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 digits the app shows now, for example 123456.",
        max_length=10,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError("Enter the code as digits only, for example 123456")
        return code


@method_decorator(sensitive_post_parameters("code"), name="dispatch")
class _TwoFactorView(PartnershipMixin, FormView):
    form_class = CodeForm

    def get(self, request, *args, **kwargs):
        self._check_may_use_requests()
        return self.decide() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._check_may_use_requests()
        return self.decide() or super().post(request, *args, **kwargs)

    def _check_may_use_requests(self):
        if not selectors.may_use_requests(
            partnership=self.partnership, user=self.request.user, roles=self.roles
        ):
            raise Http404("No such page.")

    def decide(self):
        """A redirect when this page is not the one the user needs, else None."""
        return None

    def next_url(self) -> str:
        fallback = reverse("sharing:request-list", kwargs={"partnership": self.partnership.slug})
        return otp.safe_next(self.request, fallback)

    def other(self, name: str):
        address = reverse(f"sharing:otp-{name}", kwargs={"partnership": self.partnership.slug})
        return redirect(f"{address}?{urlencode({'next': self.next_url()})}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.next_url()
        return context


class OtpSetupView(_TwoFactorView):
    template_name = "sharing/otp_setup.html"

    def decide(self):
        # Once a device is confirmed, only a session verified with it may replace it.
        if otp.confirmed_device(user=self.request.user) and not self.request.user.is_verified():
            return self.other("verify")
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = otp.device_start(user=self.request.user)
        context.update(
            device=device,
            qr_code=otp.qr_code_svg(device),
            secret=otp.secret_text(device),
            replacing=otp.confirmed_device(user=self.request.user) is not None,
        )
        return context

    def form_valid(self, form):
        device = otp.device_start(user=self.request.user)
        if not otp.device_confirm(
            request=self.request, device=device, token=form.cleaned_data["code"]
        ):
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        messages.success(
            self.request, "Your authenticator app is set up and this session is verified."
        )
        return redirect(self.next_url())


class OtpVerifyView(_TwoFactorView):
    template_name = "sharing/otp_verify.html"

    def decide(self):
        if otp.confirmed_device(user=self.request.user) is None:
            return self.other("setup")
        return None

    def form_valid(self, form):
        if not otp.session_verify(request=self.request, token=form.cleaned_data["code"]):
            form.add_error("code", WRONG_CODE)
            return self.form_invalid(form)
        return redirect(self.next_url())


urlpatterns = [
    path("two-factor/", OtpSetupView.as_view(), name="otp-setup"),
    path("two-factor/verify/", OtpVerifyView.as_view(), name="otp-verify"),
]
