"""Django admin, for superusers only (staff who are not superusers cannot sign in)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.core.models import Partnership, PartnershipRole, User


class SuperuserOnlyAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


admin.site.__class__ = SuperuserOnlyAdminSite
admin.site.site_header = "saferboard administration"


class PartnershipRoleInline(admin.TabularInline):
    model = PartnershipRole
    extra = 0


@admin.register(User)
class SaferboardUserAdmin(UserAdmin):
    inlines = [PartnershipRoleInline]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "publishes_public_pages"]
    prepopulated_fields = {"slug": ["name"]}
