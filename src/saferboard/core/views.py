"""Pages every user sees: sign-in, choosing a partnership, its overview."""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from saferboard.core.forms import GovUKFormMixin
from saferboard.core.models import Partnership
from saferboard.core.permissions import SESSION_PARTNERSHIP_KEY, PartnershipMixin
from saferboard.core.roles import Role
from saferboard.core.selectors import partnership_get_for_user, partnership_list_for_user
from saferboard.meetings import public


class SignInForm(GovUKFormMixin, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class PasswordResetForm(GovUKFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(GovUKFormMixin, auth_forms.SetPasswordForm):
    pass


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True


def home(request):
    """Send a signed-in user to the partnership they last used (or their first)."""
    if not request.user.is_authenticated:
        return redirect("login")
    partnerships = list(partnership_list_for_user(user=request.user))
    if not partnerships:
        return render(request, "core/no_partnership.html")
    last = request.session.get(SESSION_PARTNERSHIP_KEY)
    chosen = next((p for p in partnerships if p.slug == last), partnerships[0])
    return redirect("partnership-home", partnership=chosen.slug)


@login_required
@require_POST
def partnership_switch(request):
    partnership, _ = partnership_get_for_user(
        user=request.user, slug=request.POST.get("partnership", "")
    )
    request.session[SESSION_PARTNERSHIP_KEY] = partnership.slug
    return redirect("partnership-home", partnership=partnership.slug)


class PartnershipHomeView(PartnershipMixin, TemplateView):
    template_name = "core/partnership_home.html"

    def get_context_data(self, **kwargs):
        from saferboard.registry.selectors import registry_overview

        context = super().get_context_data(**kwargs)
        context["overview"] = registry_overview(partnership=self.partnership)
        labels = dict(Role.choices)
        context["role_labels"] = [labels[r] for r in Role.values if r in self.roles]
        return context


def public_index(request):
    """Partnerships that publish public pages; anonymous visitors may read this."""
    partnerships = Partnership.objects.filter(publishes_public_pages=True).order_by("name")
    return render(request, "core/public_index.html", {"partnerships": partnerships})


def public_partnership(request, partnership: str):
    """A publishing partnership's page: its bodies and next meetings; 404 if it does not publish."""
    found = public.public_partnership_get(slug=partnership)
    upcoming = public.public_meeting_list(partnership=found).filter(date__gte=timezone.localdate())
    return render(
        request,
        "core/public_partnership.html",
        {
            "public_partnership": found,
            "bodies": public.public_body_list(partnership=found),
            "upcoming": upcoming.order_by("date", "start_time")[:10],
        },
    )
