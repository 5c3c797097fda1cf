"""Accept-Encoding as RFC 9110 defines it: the stored pages' and search answers' variant."""

import pytest

from content.compression import preferred_encoding


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("br", "br"),
        ("gzip", "gzip"),
        ("gzip, deflate, br", "br"),
        ("gzip, deflate, br, zstd", "br"),
        ("GZIP", "gzip"),
        ("x-gzip", "gzip"),
        # What the probe sent (issue 28): each got brotli or gzip.
        ("br;q=0, gzip;q=0, identity", None),
        ("gzip;q=0", None),
        ("zbrz", None),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.5, gzip;q=0.8", "gzip"),
        ("br;q=0.8 , gzip ; q=0.8", "br"),
        ("gzip;q=1.0, br;q=0.999", "gzip"),
        ("identity", None),
        ("identity;q=1, gzip;q=0.5", None),
        ("identity;q=0.5, gzip", "gzip"),
        ("identity, gzip", "gzip"),
        ("*", "br"),
        ("*;q=0", None),
        ("*;q=0.5, br;q=0", "gzip"),
        ("*, identity;q=0", "br"),
        ("deflate", None),
        # Malformed q-values name nothing.
        ("br;q=x, gzip", "gzip"),
        ("br;q=2", None),
        ("br;q=-1", None),
        ("br;q=0.0001", None),
        (";;,,", None),
        ("br;level=5", "br"),
    ],
)
def test_the_variant_sent_follows_accept_encoding(header, expected):
    assert preferred_encoding(header) == expected
