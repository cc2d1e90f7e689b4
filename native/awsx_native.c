// awsx's native addon (N-API, Linux): the two things Node has no API for
// (spec/security.md T1-T4). Built by scripts/buildNative.mjs into dist/native/awsx.node;
// awsx works without it, with the runtime-dir checks alone (src/core/native.ts).
//   harden()            RLIMIT_CORE = 0 and PR_SET_DUMPABLE = 0: no core file, and another
//                       process of the same uid cannot ptrace us or read /proc/<pid>/mem.
//   peerCredentials(fd) SO_PEERCRED of a connected Unix socket: {pid, uid, gid}, or null.
#define _GNU_SOURCE
#include <node_api.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>

static napi_value make_bool(napi_env env, int v) {
  napi_value out;
  napi_get_boolean(env, v, &out);
  return out;
}

static napi_value make_int(napi_env env, long long v) {
  napi_value out;
  napi_create_int64(env, v, &out);
  return out;
}

static napi_value harden(napi_env env, napi_callback_info info) {
  (void)info;
  struct rlimit none = {0, 0};
  int core = setrlimit(RLIMIT_CORE, &none) == 0;
  int dumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
  napi_value out;
  napi_create_object(env, &out);
  napi_set_named_property(env, out, "coreLimit", make_bool(env, core));
  napi_set_named_property(env, out, "nonDumpable", make_bool(env, dumpable));
  return out;
}

static napi_value peer_credentials(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_value null_value;
  napi_get_null(env, &null_value);
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return null_value;
  int32_t fd;
  if (napi_get_value_int32(env, argv[0], &fd) != napi_ok || fd < 0) return null_value;
  struct ucred cred;
  socklen_t len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || len != sizeof cred) return null_value;
  napi_value out;
  napi_create_object(env, &out);
  napi_set_named_property(env, out, "pid", make_int(env, cred.pid));
  napi_set_named_property(env, out, "uid", make_int(env, cred.uid));
  napi_set_named_property(env, out, "gid", make_int(env, cred.gid));
  return out;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
    {"harden", NULL, harden, NULL, NULL, NULL, napi_default, NULL},
    {"peerCredentials", NULL, peer_credentials, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
