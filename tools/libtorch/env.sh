#!/usr/bin/env bash
# Sets up (if needed) and exports the environment for building the `rust-bert`
# feature against Debian's libtorch 1.13 (rust-bert 0.20 + tch 0.10).
# Usage:  source tools/libtorch/env.sh   (then: cargo test --features rust-bert)
#
# Other pairs: rust-bert 0.21 + tch 0.13 need libtorch 2.0, rust-bert 0.22 +
# tch 0.14 libtorch 2.1, rust-bert 0.23 + tch 0.17 libtorch 2.4 (download from
# pytorch.org, set LIBTORCH to the unpacked folder, drop LIBTORCH_CXX11_ABI
# unless it is the cxx11-abi build), and bump both versions in Cargo.toml.
if ! dpkg -s libtorch-dev >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq libtorch-dev >/dev/null
    else
        sudo apt-get install -y -qq libtorch-dev >/dev/null
    fi
fi
export LIBTORCH="${LIBTORCH:-${TMPDIR:-/tmp}/libtorch-debian}"
if [ ! -e "$LIBTORCH/lib" ]; then
    mkdir -p "$LIBTORCH"
    ln -sfn /usr/include "$LIBTORCH/include"
    ln -sfn /usr/lib/x86_64-linux-gnu "$LIBTORCH/lib"
fi
export LIBTORCH_CXX11_ABI=1
export LIBTORCH_BYPASS_VERSION_CHECK=1
export LD_LIBRARY_PATH="$LIBTORCH/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
