from django.shortcuts import get_object_or_404, render

from roles.models import Role, RoleFamily


def index(request):
    families = RoleFamily.objects.prefetch_related("roles")
    return render(request, "roles/index.html", {"families": families})


def role_detail(request, slug):
    role = get_object_or_404(Role, slug=slug)
    return render(request, "roles/role_detail.html", {"role": role})
