// Where the two files are (docs/aws-config.md 1.1): the env var, else the default; botocore
// applies os.path.expandvars and then os.path.expanduser.
import { resolve } from 'node:path';

export interface ConfigPaths {
  readonly config: string;
  readonly credentials: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `cwd`: the directory a relative path is read from, when it is not this process's own (the
 *  daemon reads on behalf of a shell elsewhere; botocore opens it from its working directory). */
export function configPaths(env: Env, home: string, cwd?: string): ConfigPaths {
  const at = (path: string): string => (cwd === undefined ? path : resolve(cwd, path));
  return {
    config: at(expandPath(env.AWS_CONFIG_FILE ?? '~/.aws/config', env, home)),
    credentials: at(expandPath(env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials', env, home)),
  };
}

export function expandPath(path: string, env: Env, home: string): string {
  // posixpath.expandvars: $name or ${name}, replaced only when the variable is set.
  const vars = path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    const value = env[key];
    return value === undefined ? whole : value;
  });
  // posixpath.expanduser for the current user: a leading "~" or "~/".
  if (vars === '~' || vars.startsWith('~/')) return (env.HOME ?? home) + vars.slice(1);
  return vars;
}
