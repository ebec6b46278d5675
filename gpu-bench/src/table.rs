//! The human-readable table (stdout by default) and the CSV form of a [`Report`].

use std::fmt::Write;

use crate::cases::Metric;
use crate::report::{Figures, Record, Report, Status};

/// Milliseconds with about three significant digits.
pub fn fmt_ms(ms: f64) -> String {
    match ms {
        m if !m.is_finite() => "-".into(),
        m if m >= 100.0 => format!("{m:.0}"),
        m if m >= 10.0 => format!("{m:.1}"),
        m if m >= 1.0 => format!("{m:.2}"),
        m if m >= 0.01 => format!("{m:.3}"),
        m => format!("{m:.4}"),
    }
}

fn fmt_ratio(x: Option<f64>) -> String {
    match x {
        Some(v) if v >= 100.0 => format!("{v:.0}x"),
        Some(v) if v >= 10.0 => format!("{v:.1}x"),
        Some(v) => format!("{v:.2}x"),
        None => "-".into(),
    }
}

fn fmt_rate(rec: &Record, f: Option<&Figures>) -> String {
    match (f, rec.metric) {
        (Some(f), Metric::Flops) => format!("{:.1} GFLOP/s", f.gflop_per_s),
        (Some(f), Metric::Bandwidth) => format!("{:.1} GB/s", f.gb_per_s),
        (None, _) => "-".into(),
    }
}

const HEADERS: [&str; 14] = [
    "op",
    "size",
    "device",
    "first",
    "res med",
    "res min",
    "e2e med",
    "e2e min",
    "res rate",
    "e2e rate",
    "x serial",
    "x cpu",
    "x cpu e2e",
    "eff",
];

fn row(rec: &Record) -> Vec<String> {
    let mut cells = vec![rec.op.label().to_string(), rec.size.clone(), rec.device.clone()];
    if rec.status != Status::Ok {
        let what = match rec.status {
            Status::Mismatch => "RESULT MISMATCH: times withheld (see below)",
            Status::Rejected => "MEASUREMENT REJECTED: impossible figure (see below)",
            _ => "ERROR (see below)",
        };
        cells.push(what.to_string());
        return cells;
    }
    let (res, e2e) = (rec.resident.as_ref(), rec.end_to_end.as_ref());
    cells.push(rec.first_call_ms.map(fmt_ms).unwrap_or_else(|| "-".into()));
    cells.push(res.map(|f| fmt_ms(f.median_ms)).unwrap_or_default());
    cells.push(res.map(|f| fmt_ms(f.min_ms)).unwrap_or_default());
    cells.push(e2e.map(|f| fmt_ms(f.median_ms)).unwrap_or_default());
    cells.push(e2e.map(|f| fmt_ms(f.min_ms)).unwrap_or_default());
    cells.push(fmt_rate(rec, res));
    cells.push(fmt_rate(rec, e2e));
    cells.push(fmt_ratio(rec.speedup_vs_serial));
    cells.push(fmt_ratio(rec.speedup_vs_cpu));
    cells.push(fmt_ratio(rec.speedup_vs_cpu_end_to_end));
    cells.push(rec.parallel_efficiency.map(|e| format!("{:.0}%", e * 100.0)).unwrap_or_else(|| "-".into()));
    cells
}

/// The full text report: header, devices, table, crossovers, failures, legend.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let h = &report.host;
    let c = &report.config;
    let _ = writeln!(
        out,
        "gpu-bench {} | {} | median and min of {} runs per mode, first call excluded",
        report.generated_at, c.dtype, c.repeat
    );
    let _ = writeln!(out, "host: {}, {} cores, {} {}", h.cpu, h.cores, h.os, h.arch);
    let _ = writeln!(out, "devices:");
    for d in &report.devices {
        let kind = match (d.kind.as_str(), d.software) {
            ("serial" | "cpu", _) => String::new(),
            (_, true) => format!(" ({}, software: runs on the host CPU)", d.api),
            (_, false) => format!(" ({}, hardware)", d.api),
        };
        let _ = writeln!(out, "  {:<8} {}{kind}", d.id, d.name);
    }
    out.push('\n');

    let rows: Vec<Vec<String>> = report.results.iter().map(row).collect();
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.len()).collect();
    for r in rows.iter().filter(|r| r.len() == HEADERS.len()) {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            if cells.len() < HEADERS.len() && i == cells.len() - 1 {
                s.push_str(cell);
            } else if i < 3 {
                let _ = write!(s, "{cell:<w$}  ");
            } else {
                let _ = write!(s, "{cell:>w$}  ");
            }
        }
        s.trim_end().to_string()
    };
    let header: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    let _ = writeln!(out, "{}", line(&header));
    let _ = writeln!(out, "{}", "-".repeat(widths.iter().map(|w| w + 2).sum::<usize>().saturating_sub(2)));
    let mut prev_op = None;
    for (rec, cells) in report.results.iter().zip(&rows) {
        if prev_op.is_some() && prev_op != Some((rec.op, rec.size.clone())) && rec.device == "serial" {
            out.push('\n');
        }
        prev_op = Some((rec.op, rec.size.clone()));
        let _ = writeln!(out, "{}", line(cells));
    }

    if !report.crossovers.is_empty() {
        let _ = writeln!(out, "\ncrossover (smallest measured size from which the device beats the cpu backend):");
        for x in &report.crossovers {
            let _ = writeln!(out, "  {:<8} {:<8} {}", x.op.label(), x.device, x.summary);
        }
    }
    let failures = report.failures();
    if !failures.is_empty() {
        let _ = writeln!(out, "\nFAILED ({} of {} measurements):", failures.len(), report.results.len());
        for r in failures {
            let _ = writeln!(out, "  {}", r.failure_line());
        }
    }
    if !report.notes.is_empty() {
        let _ = writeln!(out, "\nnotes:");
        for n in &report.notes {
            let _ = writeln!(out, "  {n}");
        }
    }
    let cores = report.host.cores;
    let _ = write!(
        out,
        "\nhow to read: times in ms. first = first call (compilation, allocation), not in the statistics.\n\
         res = device-resident: inputs already on the device, op + synchronize. e2e = end-to-end: host data\n\
         uploaded, op, result downloaded. rate = logical bytes read+written (GB/s) or FLOPs (GFLOP/s) per median.\n\
         x serial, x cpu = that baseline's median / this device's (above 1 = faster). eff = cpu backend's\n\
         x serial / {cores} cores (above 100%: its kernel also beats the plain loop on one core, e.g. SIMD\n\
         blocking in matmul). Every result was checked against the cpu backend (tolerances in the JSON);\n\
         figures above a device's ceiling are rejected as measurement errors.\n"
    );
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV line per record, with a header; empty fields for absent values.
pub fn csv(report: &Report) -> String {
    // Shortest round-trip form (`1.8e-16`, not 0.00000000000000018); empty when absent.
    let num = |x: f64| serde_json::to_string(&x).ok().filter(|s| s != "null").unwrap_or_default();
    let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
    let mut out = String::from(
        "op,size,dims,dtype,device,status,first_call_ms,resident_median_ms,resident_min_ms,\
         end_to_end_median_ms,end_to_end_min_ms,resident_gb_per_s,resident_gflop_per_s,end_to_end_gb_per_s,\
         end_to_end_gflop_per_s,speedup_vs_serial,speedup_vs_cpu,speedup_vs_cpu_end_to_end,parallel_efficiency,\
         max_rel_error,tolerance,message\n",
    );
    for r in &report.results {
        let (res, e2e) = (r.resident.as_ref(), r.end_to_end.as_ref());
        let dims: Vec<String> = r.dims.iter().map(|d| d.to_string()).collect();
        let status = serde_json::to_value(r.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let fields = [
            r.op.id().to_string(),
            r.size.clone(),
            dims.join("x"),
            r.dtype.clone(),
            r.device.clone(),
            status,
            opt(r.first_call_ms),
            opt(res.map(|f| f.median_ms)),
            opt(res.map(|f| f.min_ms)),
            opt(e2e.map(|f| f.median_ms)),
            opt(e2e.map(|f| f.min_ms)),
            opt(res.map(|f| f.gb_per_s)),
            opt(res.map(|f| f.gflop_per_s)),
            opt(e2e.map(|f| f.gb_per_s)),
            opt(e2e.map(|f| f.gflop_per_s)),
            opt(r.speedup_vs_serial),
            opt(r.speedup_vs_cpu),
            opt(r.speedup_vs_cpu_end_to_end),
            opt(r.parallel_efficiency),
            opt(r.max_rel_error),
            num(r.tolerance),
            r.message.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        let _ = writeln!(out, "{}", line.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_keep_three_digits() {
        assert_eq!(fmt_ms(123.4), "123");
        assert_eq!(fmt_ms(12.34), "12.3");
        assert_eq!(fmt_ms(1.234), "1.23");
        assert_eq!(fmt_ms(0.1234), "0.123");
        assert_eq!(fmt_ms(0.001234), "0.0012");
        assert_eq!(fmt_ratio(Some(2.345)), "2.35x");
    }

    #[test]
    fn csv_quotes_fields_with_commas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\", y"), "\"say \"\"x\"\", y\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
