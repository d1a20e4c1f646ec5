#!/usr/bin/env python3
"""Load seed/example_packages.json into a running Good Package Repo, the way the original seed loader did.

Usage: python3 seed/load_examples.py [--url http://localhost:9080] [--user admin] [--password PW] [--file F]
The password defaults to $GPR_ADMIN_PASSWORD. Publishing an artifact that already exists (409) is fine.
Only the Python standard library is used.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request


def call(method, url, body=None, token=None, content_type="application/json"):
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("GPR_URL", "http://localhost:9080"))
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default=os.environ.get("GPR_ADMIN_PASSWORD"))
    parser.add_argument("--file", default=os.path.join(here, "example_packages.json"))
    args = parser.parse_args()
    if not args.password:
        sys.exit("give --password or set GPR_ADMIN_PASSWORD")
    base = args.url.rstrip("/")

    status, _ = call("GET", base + "/health")
    if status != 200:
        sys.exit("server not healthy: HTTP %d" % status)
    status, body = call("POST", base + "/auth/login", {"username": args.user, "password": args.password})
    if status != 200:
        sys.exit("login failed: HTTP %d %s" % (status, body.decode("utf-8", "replace")))
    token = json.loads(body)["token"]

    with open(args.file, encoding="utf-8") as handle:
        seed = json.load(handle)
    failures = 0
    for package in seed.get("packages", []):
        path = "/v1/{namespace}/{name}/{version}/{variant}/blob".format(**package)
        status, body = call("PUT", base + path, package["content"].encode("utf-8"), token, "application/octet-stream")
        if status == 201:
            print("published %s digest=%s" % (path, json.loads(body)["digest"]))
        elif status == 409:
            print("exists    %s" % path)
        else:
            failures += 1
            print("FAILED    %s: HTTP %d %s" % (path, status, body.decode("utf-8", "replace")))
    for tag in seed.get("tags", []):
        path = "/v1/{namespace}/{name}/tags/{tag}".format(**tag)
        target = {"target_version": tag["target_version"], "target_variant": tag["target_variant"]}
        status, body = call("PUT", base + path, target, token)
        if status == 200:
            print("tagged    %s -> %s/%s" % (path, tag["target_version"], tag["target_variant"]))
        else:
            failures += 1
            print("FAILED    %s: HTTP %d %s" % (path, status, body.decode("utf-8", "replace")))
    if failures:
        sys.exit("%d failures" % failures)


if __name__ == "__main__":
    main()
