"""Schemathesis hooks for ICSOE's API fuzzing (scripts/api-fuzz.sh): bodies of the binary
media types the API takes (the REPSE acuse PDF) are sent as raw bytes."""
import schemathesis


@schemathesis.serializer("application/pdf")
def pdf(ctx, value):
    if isinstance(value, bytes):
        return value
    return str(value).encode()
