#!/bin/sh
# A conformance candidate (test/conformance/README.md): `awsx env PROFILE` in a private
# runtime dir, the exports evaluated, the real AWS CLI's get-caller-identity, and then the
# daemon stopped, since the harness gives every case a fresh HOME and expects nothing left
# running. Unlike `eval "$(awsx env P)" && aws ...`, a failing `awsx env` fails the run
# instead of letting aws run without credentials. Usage: conformance-candidate.sh PROFILE
set -u
bin="$(dirname "$0")/awsx-bin.sh"
rt=$(mktemp -d "${TMPDIR:-/tmp}/awsx-conf-XXXXXX")
export AWSX_RUNTIME_DIR="$rt/run"
# The harness points AWS_ENDPOINT_URL_STS at its recorder over plain http on loopback, which
# awsx refuses unless told (src/core/endpoints/policy.ts); botocore needs no such flag.
export AWSX_ALLOW_INSECURE_ENDPOINTS=1
status=0
exports=$("$bin" env "$1" --shell bash) || status=$?
if [ "$status" -eq 0 ]; then
  eval "$exports"
  aws sts get-caller-identity || status=$?
fi
"$bin" daemon stop >/dev/null 2>&1
rm -rf "$rt"
exit "$status"
