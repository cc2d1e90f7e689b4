"""Resolves a profile's credentials the way the AWS CLI does, for `npm run bench`.

botocore's session with the AWS CLI's assume-role cache wired in exactly as awscli does it
(awscli/customizations/assumerole.py): a JSONFileCache at ~/.aws/cli/cache on the
credential chain's assume-role provider. After one run that fills the cache, later runs
read the role's credentials from that file and call no STS at all.

argv: PROFILE. stdout: the access key id.
"""
import os
import sys

import botocore.session
from botocore.credentials import JSONFileCache

CACHE_DIR = os.path.expanduser(os.path.join("~", ".aws", "cli", "cache"))


def main():
    session = botocore.session.Session(profile=sys.argv[1])
    session.get_component("credential_provider").get_provider("assume-role").cache = JSONFileCache(CACHE_DIR)
    credentials = session.get_credentials()
    if credentials is None:
        sys.exit("no credentials")
    print(credentials.get_frozen_credentials().access_key)


main()
