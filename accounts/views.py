from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import ratelimit

from . import services
from .forms import LoginForm, ProfileForm, RegistrationForm
from .roles import ROLES, user_roles

User = get_user_model()

REGISTER_SCOPE = "register"
PASSWORD_RESET_SCOPE = "password_reset"


def _rate_limit_message():
    return _(
        "Vanaf uw internetverbinding zijn in korte tijd veel aanvragen gedaan. Probeer het over "
        "%(minutes)s minuten opnieuw. Wat u hebt ingevuld, staat er nog."
    ) % {"minutes": ratelimit.window_minutes()}


@require_http_methods(["GET", "POST"])
def register(request):
    """Registration, rate-limited per client like the other anonymous forms.

    Counted: every complete attempt, so the form cannot be used to send mass mail.
    Typing mistakes do not count. An address that already has an account gets exactly the
    same answer as a new one (the owner receives a mail instead of an activation link), so
    the form does not tell anyone which addresses have accounts.
    """
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if ratelimit.is_limited(REGISTER_SCOPE, request):
            form.is_valid()
            form.add_error(None, _rate_limit_message())
            form.add_error(None, _("Uit veiligheid moet u het wachtwoord wel opnieuw invullen."))
            status = 429
        elif form.is_valid():
            ratelimit.record(REGISTER_SCOPE, request)
            email = form.cleaned_data["email"]
            if form.account_exists:
                services.notify_existing_account(email)
            else:
                services.register_professional(form)
            return render(request, "accounts/register_done.html", {"email": email})
    return render(request, "accounts/register.html", {"form": form}, status=status)


def activate(request, uidb64, token):
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if services.activate(user, token):
        login(request, user, backend="accounts.backends.EmailBackend")
        messages.success(request, _("Uw account is geactiveerd. Welkom!"))
        return redirect("accounts:profile")
    return render(request, "accounts/activation_invalid.html", status=400)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        return redirect("accounts:profile")
    roles = [ROLES[key] for key in ROLES if key in user_roles(request.user)]
    return render(request, "accounts/profile.html", {"form": form, "roles": roles})


class PasswordResetView(auth_views.PasswordResetView):
    """Password reset, rate-limited per client like the other anonymous forms.

    Every well-formed request counts (whether or not an account exists, so the answer
    reveals nothing): the form cannot be used to flood someone's mailbox. Wagtail's reset
    page sends visitors here (``accounts.admin_doors``). The link in the mail is built from
    ``SITE_URL``, never from the request's Host header.
    """

    def form_valid(self, form):
        if ratelimit.is_limited(PASSWORD_RESET_SCOPE, self.request):
            form.add_error(None, _rate_limit_message())
            return self.render_to_response(self.get_context_data(form=form), status=429)
        ratelimit.record(PASSWORD_RESET_SCOPE, self.request)
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


password_reset = PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
