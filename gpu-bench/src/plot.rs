//! `--plot FILE.svg|png`: median time against size, one panel per op, one colour per
//! device; solid lines device-resident, dashed lines end to end; log axes.
//!
//! Labels need a TrueType font: the first of a few well-known system fonts (DejaVu,
//! Liberation, Noto, Arial …) or the file named by `GPU_BENCH_FONT`.

use std::path::Path;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::cases::Op;
use crate::report::{Report, Status};
use crate::BenchError;

const FONT_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/Library/Fonts/Arial.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
];

const COLORS: [RGBColor; 6] = [
    RGBColor(110, 110, 110),
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
];

/// Registers a system font for chart labels, once.
fn ensure_font() -> Result<(), BenchError> {
    static FONT: OnceLock<Result<String, String>> = OnceLock::new();
    let r = FONT.get_or_init(|| {
        let env = std::env::var("GPU_BENCH_FONT").ok();
        let candidates = env.iter().map(String::as_str).chain(FONT_CANDIDATES.iter().copied());
        for path in candidates {
            if let Ok(bytes) = std::fs::read(path) {
                // Leaked once per process: plotters keeps fonts for the program's life.
                let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                if plotters::style::register_font("sans-serif", FontStyle::Normal, bytes).is_ok() {
                    return Ok(path.to_string());
                }
            }
        }
        Err("no TrueType font found for the chart's labels; set GPU_BENCH_FONT=/path/to/font.ttf".to_string())
    });
    r.as_ref().map(|_| ()).map_err(|e| BenchError::Plot(e.clone()))
}

/// Checks, before any measuring, that a chart can be written to `path`: a `.svg` or
/// `.png` name and a font for the labels.
///
/// # Errors
/// [`BenchError::Plot`] saying what is missing.
pub fn check_path(path: &Path) -> Result<(), BenchError> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("svg" | "png") => ensure_font(),
        _ => Err(BenchError::Plot(format!("{}: the file name must end in .svg or .png", path.display()))),
    }
}

/// Writes the chart to `path`; the format follows the extension (`.svg` or `.png`).
///
/// # Errors
/// [`BenchError::Plot`] for another extension, a missing font or a drawing failure.
pub fn write_plot(report: &Report, path: &Path) -> Result<(), BenchError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    ensure_font()?;
    let size = (1500, 950);
    let drawn = match ext.as_deref() {
        Some("svg") => draw(SVGBackend::new(path, size).into_drawing_area(), report),
        Some("png") => draw(BitMapBackend::new(path, size).into_drawing_area(), report),
        _ => return Err(BenchError::Plot(format!("{}: the file name must end in .svg or .png", path.display()))),
    };
    drawn.map_err(|e| BenchError::Plot(format!("{}: {e}", path.display())))
}

fn short(v: f64) -> String {
    match v {
        v if v >= 1e9 => format!("{:.0}G", v / 1e9),
        v if v >= 1e6 => format!("{:.0}M", v / 1e6),
        v if v >= 1e3 => format!("{:.0}k", v / 1e3),
        v if v >= 1.0 => format!("{v:.0}"),
        v if v >= 0.01 => format!("{v:.2}"),
        v if v >= 0.001 => format!("{v:.3}"),
        v => format!("{v:.0e}"),
    }
}

fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, report: &Report) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    root.fill(&WHITE).map_err(|e| err(&e))?;
    let ops: Vec<Op> = report.config.ops.clone();
    let cols = 3usize;
    let rows = (ops.len() + 1).div_ceil(cols).max(1);
    let panels = root.split_evenly((rows, cols));
    for (op, area) in ops.iter().zip(&panels) {
        panel(area, report, *op).map_err(|e| format!("{op}: {e}"))?;
    }
    if let Some(area) = panels.get(ops.len()) {
        let style = ("sans-serif", 17).into_font().color(&BLACK);
        let lines = [
            format!("gpu-bench, {}, {}", report.config.dtype, report.generated_at),
            report.host.cpu.clone(),
            "median time (ms) against size, log axes".to_string(),
            "solid: device-resident (op + synchronize)".to_string(),
            "dashed: end-to-end (upload, op, download)".to_string(),
            "lower is faster".to_string(),
        ];
        for (i, l) in lines.iter().enumerate() {
            area.draw(&Text::new(l.clone(), (20, 40 + 28 * i as i32), style.clone())).map_err(|e| err(&e))?;
        }
    }
    root.present().map_err(|e| err(&e))
}

fn panel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, report: &Report, op: Op) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let ok: Vec<_> = report.results.iter().filter(|r| r.op == op && r.status == Status::Ok).collect();
    let xs = ok.iter().map(|r| r.scale);
    let ys = ok.iter().flat_map(|r| [r.resident.as_ref(), r.end_to_end.as_ref()]).flatten().map(|f| f.median_ms);
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (y0, y1) = ys.filter(|y| *y > 0.0).fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if x0 > x1 || y0 > y1 {
        return Ok(());
    }
    // Ticks at the measured sizes, labelled as the table labels them (a log axis over a
    // narrow range has few decades of its own).
    let mut ticks: Vec<(f64, String)> = ok
        .iter()
        .map(|r| {
            let cube = r.dims.len() == 3 && r.dims.iter().all(|&d| d == r.dims[0]);
            (r.scale, if cube { r.dims[0].to_string() } else { r.size.clone() })
        })
        .collect();
    ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
    ticks.dedup_by(|a, b| a.0 == b.0);
    let sizes: Vec<f64> = ticks.iter().map(|t| t.0).collect();
    let tick_label = move |v: &f64| match ticks.iter().find(|t| (t.0 - v).abs() <= 1e-9 * v.abs()) {
        Some(t) => t.1.clone(),
        None => short(*v),
    };
    let mut chart = ChartBuilder::on(area)
        .caption(format!("{} ({})", op.label(), report.config.dtype), ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d((x0 / 1.6..x1 * 1.6).log_scale().with_key_points(sizes), (y0 / 2.0..y1 * 2.0).log_scale())
        .map_err(|e| err(&e))?;
    chart
        .configure_mesh()
        .x_desc(op.size_meaning())
        .y_desc("median ms")
        .x_label_formatter(&tick_label)
        .y_label_formatter(&|v| short(*v))
        .label_style(("sans-serif", 13))
        .draw()
        .map_err(|e| err(&e))?;
    for (i, dev) in report.devices.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let mut rows: Vec<_> = ok.iter().filter(|r| r.device == dev.id).collect();
        rows.sort_by(|a, b| a.scale.total_cmp(&b.scale));
        let res: Vec<(f64, f64)> =
            rows.iter().filter_map(|r| r.resident.as_ref().map(|f| (r.scale, f.median_ms))).collect();
        let e2e: Vec<(f64, f64)> =
            rows.iter().filter_map(|r| r.end_to_end.as_ref().map(|f| (r.scale, f.median_ms))).collect();
        if res.is_empty() {
            continue;
        }
        chart
            .draw_series(LineSeries::new(res, color.stroke_width(2)).point_size(3))
            .map_err(|e| err(&e))?
            .label(dev.id.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2)));
        if dev.kind != "serial" {
            chart.draw_series(DashedLineSeries::new(e2e, 6, 4, color.stroke_width(1))).map_err(|e| err(&e))?;
        }
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .label_font(("sans-serif", 13))
        .draw()
        .map_err(|e| err(&e))
}
