"""Servers the tests start are stopped even when the test fails."""

import subprocess
import sys

import pytest

from tests.servers import running


def test_a_server_started_for_a_test_is_stopped_when_the_test_fails():
    with pytest.raises(AssertionError), running([sys.executable, "-c", "input()"],
                                                stdin=subprocess.PIPE) as server:  # fmt: skip
        raise AssertionError("the test failed")
    assert server.poll() is not None
