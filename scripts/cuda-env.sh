# Sourced by scripts/test (bash, set -euo pipefail): makes NVRTC (libnvrtc.so.12) and
# ptxas available to the CUDA kernel tests (tests/cuda_kernels.rs) without a GPU.
#
# Installs the pip wheels nvidia-cuda-nvrtc-cu12 and nvidia-cuda-nvcc-cu12 (ptxas only)
# once into ${GPU_TEST_CACHE:-$HOME/.cache/gpu-test}/cuda-py — outside the clone, so a
# fresh clone on the same machine downloads nothing — then exports
#   LD_LIBRARY_PATH  += …/nvidia/cuda_nvrtc/lib   (cudarc dlopens libnvrtc.so.12)
#   GPU_TEST_PTXAS    = …/nvidia/cuda_nvcc/bin/ptxas
# Idempotent; quiet when the cache is warm; never fails the caller: without pip (or
# without network) it prints why, and the CUDA kernel tests report "skipped".

_gpu_cuda_env() {
    local root="${GPU_TEST_CACHE:-$HOME/.cache/gpu-test}"
    local dir="$root/cuda-py"
    local lib="$dir/nvidia/cuda_nvrtc/lib"
    local ptxas="$dir/nvidia/cuda_nvcc/bin/ptxas"
    local wheels=("nvidia-cuda-nvrtc-cu12==12.9.*" "nvidia-cuda-nvcc-cu12==12.9.*")

    if [ ! -e "$lib/libnvrtc.so.12" ] || [ ! -x "$ptxas" ]; then
        local pip=()
        if command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
            pip=(python3 -m pip)
        elif command -v pip3 >/dev/null 2>&1; then
            pip=(pip3)
        elif command -v pip >/dev/null 2>&1; then
            pip=(pip)
        else
            echo "cuda-env: pip is not available, so NVRTC/ptxas cannot be installed; CUDA kernel tests will be skipped"
            return 0
        fi
        echo "cuda-env: installing NVRTC and ptxas (${wheels[*]}) into $dir"
        mkdir -p "$root" || return 0
        # Install into a fresh directory and move it into place, so an interrupted
        # install never leaves a half-filled cache that looks complete.
        local tmp="$dir.tmp.$$"
        rm -rf "$tmp"
        if "${pip[@]}" install --quiet --disable-pip-version-check --no-deps --target "$tmp" "${wheels[@]}" \
            >"$root/cuda-py-install.log" 2>&1; then
            rm -rf "$dir" && mv "$tmp" "$dir"
        else
            rm -rf "$tmp"
            echo "cuda-env: pip install failed (log: $root/cuda-py-install.log); CUDA kernel tests will be skipped"
            return 0
        fi
    fi

    case ":${LD_LIBRARY_PATH:-}:" in
        *":$lib:"*) ;;
        *) export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ;;
    esac
    export GPU_TEST_PTXAS="$ptxas"
}
_gpu_cuda_env || true
unset -f _gpu_cuda_env
