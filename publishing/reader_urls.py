"""What readers reach of publishing itself: each role's versions, the feed of what was
published, and the downloads of the whole reference (under each language's prefix)."""

from django.urls import path

from publishing import downloads, feeds, versions

app_name = "published"

urlpatterns = [
    path("roles/<slug:slug>/versions/<int:number>/", versions.role_version, name="role-version"),
    path("feed/", feeds.PublicationsFeed(), name="feed"),
    path("downloads/<str:name>", downloads.download, name="download"),
]
