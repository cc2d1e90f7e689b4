#!/bin/sh
# The awsx CLI from source, runnable from any directory: for the commands that the AWS CLI,
# boto3 and the conformance harness run themselves (credential_process, candidates), with
# their own working directory and environment.
root=$(cd "$(dirname "$0")/../.." && pwd)
exec node --import "file://$root/node_modules/tsx/dist/loader.mjs" "$root/src/cli/main.ts" "$@"
