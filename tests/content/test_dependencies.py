"""What a page read, typed: one string form, stored beside each page and sent to front caches
as a surrogate key, the same as the stored pages of earlier releases read."""

from content.dependencies import Dependency


def test_each_dependency_has_the_string_form_stored_pages_already_hold():
    assert str(Dependency.whole("roles.role", 3)) == "obj:roles.role:3"
    assert str(Dependency.head("metrics.metric", 1)) == "head:metrics.metric:1"
    assert str(Dependency.title("roles.role", 3)) == "title:roles.role:3"
    assert str(Dependency.part("roles.role", 3, "metrics.rolemetric")) == (
        "part:roles.role:3:metrics.rolemetric"
    )
    assert str(Dependency.of_kind("roles.role")) == "kind:roles.role"
    assert str(Dependency.links("metrics.metric")) == "links:metrics.metric:*"
    assert str(Dependency.links("metrics.metric", 2)) == "links:metrics.metric:2"
    assert str(Dependency.az("ko", "ㄱ")) == "az:ko:ㄱ"
    assert str(Dependency.latest("roles.role")) == "latest:roles.role"


def test_only_lists_are_lists_and_equal_dependencies_are_one():
    assert Dependency.links("roles.role").is_list and Dependency.az("en").is_list
    assert not Dependency.whole("roles.role", 1).is_list
    assert len({Dependency.whole("roles.role", 1), Dependency.whole("roles.role", 1)}) == 1
