// Where the two files are (docs/aws-config.md 1.1): the env var, else the default; botocore
// applies os.path.expandvars and then os.path.expanduser.

export interface ConfigPaths {
  readonly config: string;
  readonly credentials: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function configPaths(env: Env, home: string): ConfigPaths {
  return {
    config: expandPath(env.AWS_CONFIG_FILE ?? '~/.aws/config', env, home),
    credentials: expandPath(env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials', env, home),
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
