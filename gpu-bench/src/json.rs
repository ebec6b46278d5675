//! `--format json`: the [`Report`] as JSON, and an executable form of its schema.
//!
//! Schema `gpu-bench/1` (every key always present; `null` where a value does not
//! apply or a measurement failed):
//!
//! ```text
//! {
//!   "schema": "gpu-bench/1",
//!   "generated_at": "2026-11-22T10:00:00Z",               UTC, RFC 3339
//!   "host": { "cpu": str, "cores": int, "os": str, "arch": str,
//!             "peak_gflop_per_s": num, "peak_basis": str, "ceiling_margin": num },
//!   "config": { "mode": "quick"|"default"|"full", "dtype": "f32"|"f64",
//!               "repeat": int, "ops": [op] },
//!   "devices": [ { "id": str,                                "serial", "cpu", "wgpu:0", "cuda:0" …
//!                  "kind": "serial"|"cpu"|"wgpu"|"cuda", "name": str, "api": str,
//!                  "software": bool, "memory_bytes": int|null, "supports_f64": bool,
//!                  "ceiling_basis": str } ],
//!   "results": [ {
//!       "op": "dot"|"sum"|"fma"|"row_mean"|"matmul",
//!       "size": str, "dims": [int], "scale": num,            "10M" / [10000000] / 1e7
//!       "dtype": "f32"|"f64", "device": str,                 a devices[].id
//!       "bytes": int, "flops": int, "metric": "bandwidth"|"flops",
//!       "status": "ok"|"mismatch"|"rejected"|"error", "message": str|null,
//!       "first_call_ms": num|null,                           null for the serial loop
//!       "resident":   figures|null,                          null unless status is ok
//!       "end_to_end": figures|null,
//!       "speedup_vs_serial": num|null, "speedup_vs_cpu": num|null,
//!       "speedup_vs_cpu_end_to_end": num|null,
//!       "parallel_efficiency": num|null,                     cpu backend only
//!       "max_rel_error": num|null, "tolerance": num,
//!       "ceilings": { "resident_gb_per_s": num, "end_to_end_gb_per_s": num,
//!                     "gflop_per_s": num } } ],
//!   "crossovers": [ { "op": op, "device": str, "resident_from": str|null,
//!                     "end_to_end_from": str|null, "summary": str } ],
//!   "notes": [str],
//!   "status": "ok"|"failed"
//! }
//! figures = { "median_ms": num, "min_ms": num, "runs_ms": [num],
//!             "gb_per_s": num, "gflop_per_s": num }      rates at the median time
//! ```

use serde_json::Value;

use crate::report::Report;

/// The report as pretty-printed JSON.
pub fn to_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A JSON value's expected type.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Str,
    Int,
    Num,
    Bool,
    OneOf(&'static [&'static str]),
    Null(&'static Kind),
    List(&'static Kind),
    Obj(&'static [(&'static str, Kind)]),
}

const OPS: &[&str] = &["dot", "sum", "fma", "row_mean", "matmul"];
const FIGURES: Kind = Kind::Obj(&[
    ("median_ms", Kind::Num),
    ("min_ms", Kind::Num),
    ("runs_ms", Kind::List(&Kind::Num)),
    ("gb_per_s", Kind::Num),
    ("gflop_per_s", Kind::Num),
]);
const NULL_NUM: Kind = Kind::Null(&Kind::Num);
const NULL_STR: Kind = Kind::Null(&Kind::Str);

const SCHEMA: Kind = Kind::Obj(&[
    ("schema", Kind::OneOf(&["gpu-bench/1"])),
    ("generated_at", Kind::Str),
    (
        "host",
        Kind::Obj(&[
            ("cpu", Kind::Str),
            ("cores", Kind::Int),
            ("os", Kind::Str),
            ("arch", Kind::Str),
            ("peak_gflop_per_s", Kind::Num),
            ("peak_basis", Kind::Str),
            ("ceiling_margin", Kind::Num),
        ]),
    ),
    (
        "config",
        Kind::Obj(&[
            ("mode", Kind::OneOf(&["quick", "default", "full"])),
            ("dtype", Kind::OneOf(&["f32", "f64"])),
            ("repeat", Kind::Int),
            ("ops", Kind::List(&Kind::OneOf(OPS))),
        ]),
    ),
    (
        "devices",
        Kind::List(&Kind::Obj(&[
            ("id", Kind::Str),
            ("kind", Kind::OneOf(&["serial", "cpu", "wgpu", "cuda"])),
            ("name", Kind::Str),
            ("api", Kind::Str),
            ("software", Kind::Bool),
            ("memory_bytes", Kind::Null(&Kind::Int)),
            ("supports_f64", Kind::Bool),
            ("ceiling_basis", Kind::Str),
        ])),
    ),
    (
        "results",
        Kind::List(&Kind::Obj(&[
            ("op", Kind::OneOf(OPS)),
            ("size", Kind::Str),
            ("dims", Kind::List(&Kind::Int)),
            ("scale", Kind::Num),
            ("dtype", Kind::OneOf(&["f32", "f64"])),
            ("device", Kind::Str),
            ("bytes", Kind::Int),
            ("flops", Kind::Int),
            ("metric", Kind::OneOf(&["bandwidth", "flops"])),
            ("status", Kind::OneOf(&["ok", "mismatch", "rejected", "error"])),
            ("message", NULL_STR),
            ("first_call_ms", NULL_NUM),
            ("resident", Kind::Null(&FIGURES)),
            ("end_to_end", Kind::Null(&FIGURES)),
            ("speedup_vs_serial", NULL_NUM),
            ("speedup_vs_cpu", NULL_NUM),
            ("speedup_vs_cpu_end_to_end", NULL_NUM),
            ("parallel_efficiency", NULL_NUM),
            ("max_rel_error", NULL_NUM),
            ("tolerance", Kind::Num),
            (
                "ceilings",
                Kind::Obj(&[
                    ("resident_gb_per_s", Kind::Num),
                    ("end_to_end_gb_per_s", Kind::Num),
                    ("gflop_per_s", Kind::Num),
                ]),
            ),
        ])),
    ),
    (
        "crossovers",
        Kind::List(&Kind::Obj(&[
            ("op", Kind::OneOf(OPS)),
            ("device", Kind::Str),
            ("resident_from", NULL_STR),
            ("end_to_end_from", NULL_STR),
            ("summary", Kind::Str),
        ])),
    ),
    ("notes", Kind::List(&Kind::Str)),
    ("status", Kind::OneOf(&["ok", "failed"])),
]);

fn check(v: &Value, kind: &Kind, path: &str) -> Result<(), String> {
    let wrong = |want: &str| Err(format!("{path}: expected {want}, found {v}"));
    match kind {
        Kind::Str if v.is_string() => Ok(()),
        Kind::Int if v.is_u64() || v.is_i64() => Ok(()),
        Kind::Num if v.is_number() => Ok(()),
        Kind::Bool if v.is_boolean() => Ok(()),
        Kind::OneOf(allowed) => match v.as_str() {
            Some(s) if allowed.contains(&s) => Ok(()),
            _ => wrong(&format!("one of {allowed:?}")),
        },
        Kind::Null(_) if v.is_null() => Ok(()),
        Kind::Null(inner) => check(v, inner, path),
        Kind::List(inner) => match v.as_array() {
            Some(items) => items.iter().enumerate().try_for_each(|(i, x)| check(x, inner, &format!("{path}[{i}]"))),
            None => wrong("an array"),
        },
        Kind::Obj(fields) => {
            let Some(map) = v.as_object() else { return wrong("an object") };
            for (name, k) in *fields {
                match map.get(*name) {
                    Some(x) => check(x, k, &format!("{path}.{name}"))?,
                    None => return Err(format!("{path}: missing key {name:?}")),
                }
            }
            match map.keys().find(|k| !fields.iter().any(|(n, _)| n == k)) {
                Some(extra) => Err(format!("{path}: undocumented key {extra:?}")),
                None => Ok(()),
            }
        }
        Kind::Str => wrong("a string"),
        Kind::Int => wrong("an integer"),
        Kind::Num => wrong("a number"),
        Kind::Bool => wrong("a boolean"),
    }
}

/// Checks a JSON document against the schema above, and that every record names a
/// listed device.
///
/// # Errors
/// The first difference, with its path (`$.results[3].resident.median_ms: …`).
pub fn validate(v: &Value) -> Result<(), String> {
    check(v, &SCHEMA, "$")?;
    let ids: Vec<&str> = v["devices"].as_array().into_iter().flatten().filter_map(|d| d["id"].as_str()).collect();
    for (i, r) in v["results"].as_array().into_iter().flatten().enumerate() {
        let dev = r["device"].as_str().unwrap_or("");
        if !ids.contains(&dev) {
            return Err(format!("$.results[{i}].device: {dev:?} is not in $.devices"));
        }
        if r["status"] == "ok" && (r["resident"].is_null() || r["end_to_end"].is_null()) {
            return Err(format!("$.results[{i}]: status ok without figures"));
        }
        if r["status"] != "ok" && (!r["resident"].is_null() || r["message"].is_null()) {
            return Err(format!("$.results[{i}]: a failed record must have a message and no figures"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validator_reports_the_path_of_a_difference() {
        assert!(check(&json!("x"), &Kind::Str, "$").is_ok());
        assert!(check(&json!(null), &NULL_NUM, "$").is_ok());
        let e = check(&json!({"median_ms": 1.0}), &FIGURES, "$.r").unwrap_err();
        assert!(e.contains("missing key \"min_ms\""), "{e}");
        let e = check(&json!([1, "a"]), &Kind::List(&Kind::Int), "$.l").unwrap_err();
        assert!(e.starts_with("$.l[1]"), "{e}");
    }
}
