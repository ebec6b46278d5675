//! The kernel catalogue and the NVRTC module cache.
//!
//! `kernels/*.cu` hold templates; this file says which instantiations exist (one macro
//! line per (op, dtype), named by the op enums' `name()`), groups them into modules
//! (one NVRTC program each, compiled on first use per device and cached), and compiles
//! them for the device's own architecture: SASS (`sm_XY` CUBIN) when NVRTC knows the
//! device, else PTX for the newest virtual architecture it does know (JIT by the driver).

use std::collections::HashMap;
use std::ffi::CString;
use std::sync::{Arc, Mutex};

use cudarc::driver::{CudaContext, CudaFunction};
use cudarc::nvrtc::{self, Ptx};

use super::params::static_asserts;
use crate::backend::{BinaryOp, CompareOp, QuaternaryOp, ReduceOp, TernaryOp, UnaryOp};
use crate::dtype::DType;
use crate::error::{Error, Result};

const COMMON: &str = include_str!("../../../kernels/common.cuh");
const ELEMENTWISE: &str = include_str!("../../../kernels/elementwise.cu");
const REDUCE: &str = include_str!("../../../kernels/reduce.cu");
const MATMUL: &str = include_str!("../../../kernels/matmul.cu");
const RANDOM: &str = include_str!("../../../kernels/random.cu");

/// Numeric dtypes (every op family but compare/cast/copy excludes bool).
pub(super) const NUMERIC: [DType; 4] = [DType::F32, DType::F64, DType::I32, DType::U32];

/// The ops a scan combines by (`cumsum`, `cumprod`, `cummax`, `cummin`), compiled in
/// the `Binary` module of each dtype.
pub(super) const SCAN_OPS: [BinaryOp; 4] = [BinaryOp::Add, BinaryOp::Mul, BinaryOp::Maximum, BinaryOp::Minimum];

/// The dtype's name in kernel names.
pub(super) fn suffix(d: DType) -> &'static str {
    match d {
        DType::F32 => "f32",
        DType::F64 => "f64",
        DType::I32 => "i32",
        DType::U32 => "u32",
        DType::Bool => "bool",
    }
}

/// The dtype's C type in the kernels (bool is one byte, 0 or 1).
fn c_type(d: DType) -> &'static str {
    match d {
        DType::F32 => "float",
        DType::F64 => "double",
        DType::I32 => "i32",
        DType::U32 => "u32",
        DType::Bool => "u8",
    }
}

/// Pairs per block of the shared-memory FFT kernel: two buffers of 16 KiB together.
pub(super) fn fft_local_pairs(d: DType) -> usize {
    2048 / d.size_of()
}

/// A compiled-together group of kernels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Module {
    Unary(DType),
    Binary(DType),
    Compare(DType),
    Cast(DType),
    /// copy_b{1,4,8}, select_b{1,4,8}, take_b{1,4,8}_{i32,u32}, scatter_b{1,4,8}_{i32,u32},
    /// compact_b{1,4,8}, fill_b8, bincount:
    /// dtype-agnostic, by element width.
    Bits,
    Fill(DType),
    /// argsort_{dtype}_{local,global}: the bitonic argsort's passes; search_{dtype}.
    Sort(DType),
    Reduce(ReduceOp, DType),
    Dot(DType),
    Matmul(DType),
    Random(DType),
}

impl Module {
    /// The kernels/*.cu file the module instantiates.
    fn family(self) -> &'static str {
        match self {
            Module::Unary(_)
            | Module::Binary(_)
            | Module::Compare(_)
            | Module::Cast(_)
            | Module::Bits
            | Module::Fill(_)
            | Module::Sort(_) => "elementwise",
            Module::Reduce(..) | Module::Dot(_) => "reduce",
            Module::Matmul(_) => "matmul",
            Module::Random(_) => "random",
        }
    }

    fn name(self) -> String {
        match self {
            Module::Unary(d) => format!("unary_{}", suffix(d)),
            Module::Binary(d) => format!("binary_{}", suffix(d)),
            Module::Compare(d) => format!("compare_{}", suffix(d)),
            Module::Cast(d) => format!("cast_{}", suffix(d)),
            Module::Bits => "bits".into(),
            Module::Fill(d) => format!("fill_{}", suffix(d)),
            Module::Sort(d) => format!("sort_{}", suffix(d)),
            Module::Reduce(op, d) => format!("reduce_{}_{}", op.name(), suffix(d)),
            Module::Dot(d) => format!("dot_{}", suffix(d)),
            Module::Matmul(d) => format!("matmul_{}", suffix(d)),
            Module::Random(d) => format!("random_{}", suffix(d)),
        }
    }

    /// (entry point, instantiation line) for every kernel of the module.
    fn kernels(self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut add = |entry: String, line: String| out.push((entry, line));
        match self {
            Module::Unary(d) => {
                for op in UnaryOp::ALL.into_iter().filter(|op| d.is_float() || op.supports_int()) {
                    let e = format!("unary_{}_{}", op.name(), suffix(d));
                    add(e.clone(), format!("UNARY_KERNEL({e}, {}, {})", c_type(d), op.name()));
                }
            }
            Module::Binary(d) => {
                for op in BinaryOp::ALL.into_iter().filter(|op| op.defined_for(d)) {
                    let e = format!("binary_{}_{}", op.name(), suffix(d));
                    add(e.clone(), format!("BINARY_KERNEL({e}, {}, {})", c_type(d), op.name()));
                }
                if d.is_float() {
                    for op in TernaryOp::ALL {
                        let e = format!("ternary_{}_{}", op.name(), suffix(d));
                        add(e.clone(), format!("TERNARY_KERNEL({e}, {}, {})", c_type(d), op.name()));
                    }
                    for op in QuaternaryOp::ALL {
                        let e = format!("quaternary_{}_{}", op.name(), suffix(d));
                        add(e.clone(), format!("QUATERNARY_KERNEL({e}, {}, {})", c_type(d), op.name()));
                    }
                }
                for op in SCAN_OPS {
                    let e = format!("scan_{}_{}", op.name(), suffix(d));
                    add(e.clone(), format!("SCAN_KERNEL({e}, {}, {})", c_type(d), op.name()));
                }
                if d.is_float() {
                    let e = format!("fft_step_{}", suffix(d));
                    add(e.clone(), format!("FFT_STEP_KERNEL({e}, {})", c_type(d)));
                    let e = format!("fft_radix_{}", suffix(d));
                    add(e.clone(), format!("FFT_RADIX_KERNEL({e}, {})", c_type(d)));
                    let e = format!("fft_local_{}", suffix(d));
                    add(e.clone(), format!("FFT_LOCAL_KERNEL({e}, {}, {})", c_type(d), fft_local_pairs(d)));
                }
                for i in [DType::I32, DType::U32] {
                    let e = format!("scatter_add_{}_{}", suffix(d), suffix(i));
                    add(e.clone(), format!("SCATTER_ADD_KERNEL({e}, {}, {})", c_type(d), c_type(i)));
                }
            }
            Module::Compare(d) => {
                for op in CompareOp::ALL {
                    let e = format!("compare_{}_{}", op.name(), suffix(d));
                    add(e.clone(), format!("COMPARE_KERNEL({e}, {}, {})", c_type(d), op.name()));
                }
            }
            Module::Cast(from) => {
                for to in DType::ALL {
                    let e = format!("cast_{}_{}", suffix(from), suffix(to));
                    add(e.clone(), format!("CAST_KERNEL({e}, {}, {})", c_type(from), c_type(to)));
                }
            }
            Module::Bits => {
                for (w, t) in [(1, "u8"), (4, "u32"), (8, "u64")] {
                    add(format!("copy_b{w}"), format!("COPY_KERNEL(copy_b{w}, {t})"));
                    add(format!("select_b{w}"), format!("SELECT_KERNEL(select_b{w}, {t})"));
                    add(format!("compact_b{w}"), format!("COMPACT_KERNEL(compact_b{w}, {t})"));
                    for i in [DType::I32, DType::U32] {
                        let e = format!("take_b{w}_{}", suffix(i));
                        add(e.clone(), format!("TAKE_KERNEL({e}, {t}, {})", c_type(i)));
                        let e = format!("scatter_b{w}_{}", suffix(i));
                        add(e.clone(), format!("SCATTER_KERNEL({e}, {t}, {})", c_type(i)));
                    }
                }
                add("fill_b8".into(), "FILL_B8_KERNEL(fill_b8)".into());
                add("bincount".into(), "BINCOUNT_KERNEL(bincount)".into());
            }
            Module::Fill(d) => {
                for kind in ["arange", "linspace"] {
                    let e = format!("{kind}_{}", suffix(d));
                    add(e.clone(), format!("{}_KERNEL({e}, {})", kind.to_uppercase(), c_type(d)));
                }
            }
            Module::Sort(d) => {
                // One macro line instantiates both passes.
                let base = format!("argsort_{}", suffix(d));
                add(format!("{base}_local"), format!("ARGSORT_KERNELS({base}, {})", c_type(d)));
                add(format!("{base}_global"), String::new());
                let e = format!("search_{}", suffix(d));
                add(e.clone(), format!("SEARCH_KERNEL({e}, {})", c_type(d)));
            }
            Module::Reduce(op, d) => {
                // One macro line instantiates all four variants.
                let base = format!("reduce_{}_{}", op.name(), suffix(d));
                let ct = c_type(d);
                add(format!("{base}_block"), format!("REDUCE_KERNELS({base}, {ct}, red_{}<{ct}>)", op.name()));
                for v in ["thread", "block_acc", "thread_acc"] {
                    add(format!("{base}_{v}"), String::new());
                }
            }
            Module::Dot(d) => {
                let base = format!("dot_{}", suffix(d));
                add(base.clone(), format!("DOT_KERNELS({base}, {})", c_type(d)));
                add(format!("{base}_merge_block_acc"), String::new());
                add(format!("{base}_merge_thread_acc"), String::new());
            }
            Module::Matmul(d) => {
                let e = format!("matmul_{}", suffix(d));
                add(e.clone(), format!("MATMUL_KERNEL({e}, {})", c_type(d)));
            }
            Module::Random(d) => {
                let e = format!("uniform_{}", suffix(d));
                match d {
                    DType::F32 => {
                        add(e.clone(), format!("UNIFORM_F32_KERNEL({e})"));
                        add("normal_f32".into(), "NORMAL_F32_KERNEL(normal_f32)".into());
                        add("gamma_f32".into(), "GAMMA_KERNEL(gamma_f32, float)".into());
                    }
                    DType::F64 => {
                        add(e.clone(), format!("UNIFORM_F64_KERNEL({e})"));
                        add("normal_f64".into(), "NORMAL_F64_KERNEL(normal_f64)".into());
                        add("gamma_f64".into(), "GAMMA_KERNEL(gamma_f64, double)".into());
                    }
                    _ => add(e.clone(), format!("UNIFORM_INT_KERNEL({e}, {})", c_type(d))),
                }
            }
        }
        out
    }

    /// Layout checks of the reducers' accumulators (partials cross passes in memory).
    fn acc_asserts(self) -> String {
        match self {
            Module::Reduce(op, d) => {
                let ct = c_type(d);
                format!(
                    "static_assert(sizeof(red_{}<{ct}>::Acc) == {}, \"accumulator size differs from reduce.rs\");\n",
                    op.name(),
                    super::reduce::acc_bytes(op, d)
                )
            }
            _ => String::new(),
        }
    }

    /// Every module with kernels: what the CI test compiles.
    pub(super) fn all() -> Vec<Module> {
        let mut all = Vec::new();
        for d in NUMERIC {
            all.extend([Module::Unary(d), Module::Binary(d), Module::Fill(d), Module::Dot(d), Module::Matmul(d)]);
            all.push(Module::Random(d));
            all.push(Module::Sort(d));
            for op in ReduceOp::ALL.into_iter().filter(|op| d.is_float() || !op.float_only()) {
                all.push(Module::Reduce(op, d));
            }
        }
        for d in DType::ALL {
            all.extend([Module::Compare(d), Module::Cast(d)]);
        }
        all.push(Module::Bits);
        all
    }
}

fn family_source(family: &str) -> &'static str {
    match family {
        "elementwise" => ELEMENTWISE,
        "reduce" => REDUCE,
        "matmul" => MATMUL,
        _ => RANDOM,
    }
}

/// The NVRTC program for `modules` (all of one family).
fn program(family: &str, modules: &[Module]) -> String {
    let mut s = String::with_capacity(COMMON.len() + 16 * 1024);
    s.push_str(COMMON);
    s.push_str(family_source(family));
    s.push_str("\n// ---- instantiations (generated by src/backend/cuda/kernels.rs)\n");
    for m in modules {
        for (_, line) in m.kernels().into_iter().filter(|(_, l)| !l.is_empty()) {
            s.push_str(&line);
            s.push('\n');
        }
        s.push_str(&m.acc_asserts());
    }
    s.push_str(&static_asserts(family));
    s
}

/// Every kernel family as one program holding all its instantiations: (name, source).
pub(super) fn family_programs() -> Vec<(String, String)> {
    let all = Module::all();
    ["elementwise", "reduce", "matmul", "random"]
        .into_iter()
        .map(|f| {
            let ms: Vec<Module> = all.iter().copied().filter(|m| m.family() == f).collect();
            (f.to_string(), program(f, &ms))
        })
        .collect()
}

/// Every kernel entry point.
pub(super) fn entry_points() -> Vec<String> {
    Module::all().into_iter().flat_map(|m| m.kernels().into_iter().map(|(e, _)| e)).collect()
}

/// What NVRTC produces: SASS for one real architecture, or PTX for a virtual one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// `--gpu-architecture=sm_XY`, loaded as a CUBIN (no driver JIT).
    Cubin(u32),
    /// `--gpu-architecture=compute_XY`, JIT-compiled by the driver.
    Ptx(u32),
}

impl Target {
    /// The target for a device of compute capability `cc` (e.g. 90), given the
    /// architectures NVRTC supports.
    pub(super) fn for_device(cc: u32, supported: &[u32]) -> Option<Target> {
        if supported.contains(&cc) {
            return Some(Target::Cubin(cc));
        }
        supported.iter().copied().filter(|&a| a <= cc).max().map(Target::Ptx)
    }

    fn option(self) -> String {
        match self {
            Target::Cubin(cc) => format!("--gpu-architecture=sm_{cc}"),
            Target::Ptx(cc) => format!("--gpu-architecture=compute_{cc}"),
        }
    }
}

/// The architectures NVRTC can compile for (e.g. `[50, 52, …, 90, 100, 120]`).
pub(super) fn nvrtc_archs() -> Vec<u32> {
    let mut n = 0i32;
    // SAFETY: libnvrtc was found by `is_culib_present` before any device opened; the
    // calls write one int, then `n` ints into a buffer of exactly that length.
    let ok = unsafe { nvrtc::sys::nvrtcGetNumSupportedArchs(&mut n) }.result().is_ok();
    if !ok || n <= 0 {
        return Vec::new();
    }
    let mut archs = vec![0i32; n as usize];
    // SAFETY: as above; `archs` holds `n` ints.
    if unsafe { nvrtc::sys::nvrtcGetSupportedArchs(archs.as_mut_ptr()) }.result().is_err() {
        return Vec::new();
    }
    archs.into_iter().map(|a| a as u32).collect()
}

/// The NVRTC options of every kernel: IEEE division and square root (the defaults,
/// stated), FMA contraction allowed (the bit-exact paths, fill and random, use explicit
/// `_rn` intrinsics); C++20 where NVRTC has it (12+), which also turns on the parameter
/// blocks' field-order checks.
fn options(target: Target) -> Vec<String> {
    let std = if nvrtc_version().is_some_and(|v| v >= (12, 0)) { "--std=c++20" } else { "--std=c++17" };
    vec![target.option(), std.into(), "--prec-div=true".into(), "--prec-sqrt=true".into()]
}

/// Compiles `src` with the options every kernel uses. Returns the image (CUBIN bytes or
/// PTX text) or NVRTC's log.
pub(super) fn compile(name: &str, src: &str, target: Target) -> std::result::Result<Vec<u8>, String> {
    let csrc = CString::new(src).map_err(|e| format!("source contains a NUL byte: {e}"))?;
    let cname = CString::new(name).map_err(|e| format!("name contains a NUL byte: {e}"))?;
    let prog = nvrtc::result::create_program(&csrc, Some(&cname)).map_err(|e| format!("nvrtcCreateProgram: {e:?}"))?;
    let opts = options(target);
    // SAFETY: `prog` was just created and is destroyed exactly once below; `csrc` and
    // `cname` outlive it.
    let compiled = unsafe { nvrtc::result::compile_program(prog, &opts) };
    // SAFETY: `prog` is live; the log is copied out up to its NUL terminator.
    let log = unsafe { nvrtc::result::get_program_log(prog) }
        .map(|raw| {
            let bytes: Vec<u8> = raw.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .unwrap_or_default();
    let image = match (compiled, target) {
        (Err(e), _) => Err(format!("{e:?} with options {opts:?}\n{log}")),
        (Ok(()), Target::Ptx(_)) => {
            // SAFETY: as above; the program compiled.
            unsafe { nvrtc::result::get_ptx(prog) }
                .map(|raw| raw.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect())
                .map_err(|e| format!("nvrtcGetPTX: {e:?}"))
        }
        (Ok(()), Target::Cubin(_)) => {
            let mut size = 0usize;
            // SAFETY: as above; the CUBIN is written into a buffer of the size NVRTC reported.
            unsafe { nvrtc::sys::nvrtcGetCUBINSize(prog, &mut size) }
                .result()
                .and_then(|()| {
                    let mut cubin = vec![0u8; size];
                    // SAFETY: `cubin` holds exactly the `size` bytes NVRTC reported.
                    unsafe { nvrtc::sys::nvrtcGetCUBIN(prog, cubin.as_mut_ptr().cast()) }.result().map(|()| cubin)
                })
                .map_err(|e| format!("nvrtcGetCUBIN: {e:?}"))
        }
    };
    // SAFETY: `prog` is live and not used after this.
    let _ = unsafe { nvrtc::result::destroy_program(prog) };
    image
}

/// NVRTC's version as (major, minor), when the library answers.
pub(super) fn nvrtc_version() -> Option<(i32, i32)> {
    let (mut major, mut minor) = (0i32, 0i32);
    // SAFETY: libnvrtc is present (checked before any device opens); writes two ints.
    unsafe { nvrtc::sys::nvrtcVersion(&mut major, &mut minor) }.result().ok().map(|()| (major, minor))
}

/// Compiled modules of one device, by [`Module`], each with its functions loaded.
pub(super) struct KernelCache {
    ctx: Arc<CudaContext>,
    target: Target,
    device: String,
    modules: Mutex<HashMap<Module, Arc<HashMap<String, CudaFunction>>>>,
}

impl KernelCache {
    pub(super) fn new(ctx: Arc<CudaContext>, target: Target, device: String) -> KernelCache {
        KernelCache { ctx, target, device, modules: Mutex::new(HashMap::new()) }
    }

    /// Function `entry` of `module`, compiling and loading the module on first use.
    pub(super) fn function(&self, module: Module, entry: &str) -> Result<CudaFunction> {
        let mut cache = self.modules.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(f) = cache.get(&module).and_then(|m| m.get(entry)) {
            return Ok(f.clone());
        }
        let loaded = self.load(module)?;
        let f = loaded.get(entry).cloned();
        cache.insert(module, loaded);
        f.ok_or_else(|| Error::Backend {
            device: self.device.clone(),
            message: format!("internal error: kernel `{entry}` is not part of module `{}`", module.name()),
        })
    }

    fn load(&self, module: Module) -> Result<Arc<HashMap<String, CudaFunction>>> {
        let name = module.name();
        let src = program(module.family(), &[module]);
        let disk = DiskCache::entry(&name, &src, self.target);
        let compile_now = || {
            compile(&format!("{name}.cu"), &src, self.target).map_err(|log| Error::KernelCompile {
                kernel: name.clone(),
                device: self.device.clone(),
                log,
            })
        };
        let as_ptx = |image: Vec<u8>| match self.target {
            Target::Cubin(_) => Ptx::from_binary(image),
            Target::Ptx(_) => Ptx::from_src(String::from_utf8_lossy(&image).into_owned()),
        };
        let cached = disk.as_ref().and_then(DiskCache::read).and_then(|img| self.ctx.load_module(as_ptx(img)).ok());
        let loaded = match cached {
            Some(m) => m,
            None => {
                let image = compile_now()?;
                if let Some(d) = &disk {
                    d.write(&image);
                }
                self.ctx.load_module(as_ptx(image)).map_err(|e| Error::KernelCompile {
                    kernel: name.clone(),
                    device: self.device.clone(),
                    log: format!("the driver rejected the compiled module: {e}"),
                })?
            }
        };
        let mut funcs = HashMap::new();
        for (entry, _) in module.kernels() {
            let f = loaded.load_function(&entry).map_err(|e| Error::KernelCompile {
                kernel: entry.clone(),
                device: self.device.clone(),
                log: format!("entry point missing from the module: {e}"),
            })?;
            funcs.insert(entry, f);
        }
        Ok(Arc::new(funcs))
    }
}

/// Compiled images on disk, so a module compiles once per machine rather than once per
/// process (as CuPy's kernel cache). The directory is `$GPU_CUDA_CACHE` (`off`
/// disables), else `$XDG_CACHE_HOME/gpu/cuda`, else `$HOME/.cache/gpu/cuda`; a file is
/// named by a hash of everything that determines the image (source, options, NVRTC
/// version, target). Unreadable or rejected files are simply recompiled.
struct DiskCache {
    path: std::path::PathBuf,
}

impl DiskCache {
    fn entry(name: &str, src: &str, target: Target) -> Option<DiskCache> {
        let dir = match std::env::var_os("GPU_CUDA_CACHE") {
            Some(v) if v == "off" || v.is_empty() => return None,
            Some(v) => std::path::PathBuf::from(v),
            None => std::env::var_os("XDG_CACHE_HOME")
                .map(std::path::PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cache")))?
                .join("gpu")
                .join("cuda"),
        };
        // FNV-1a: stable across Rust versions (unlike `DefaultHasher`).
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let version = format!("{:?}", nvrtc_version());
        for part in [src, &options(target).join(" "), &version] {
            for b in part.bytes().chain([0u8]) {
                h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        let ext = match target {
            Target::Cubin(_) => "cubin",
            Target::Ptx(_) => "ptx",
        };
        Some(DiskCache { path: dir.join(format!("{name}-{h:016x}.{ext}")) })
    }

    fn read(&self) -> Option<Vec<u8>> {
        std::fs::read(&self.path).ok().filter(|b| !b.is_empty())
    }

    /// Best effort: written to a temporary name, then renamed into place.
    fn write(&self, image: &[u8]) {
        let Some(dir) = self.path.parent() else { return };
        let tmp = self.path.with_extension(format!("tmp{}", std::process::id()));
        let ok = std::fs::create_dir_all(dir).is_ok() && std::fs::write(&tmp, image).is_ok();
        if !ok || std::fs::rename(&tmp, &self.path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}
