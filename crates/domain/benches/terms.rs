//! Cost of computing a complaint's terms: once per complaint on intake, and
//! in bulk when an overview or compliance statistics recompute them.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::terms::Terms;

fn receipt(s: &str) -> Timestamp {
    s.parse().expect("benchmark timestamp is valid")
}

fn terms(c: &mut Criterion) {
    let cal = WorkingCalendar::netherlands_default();

    // The design example: Koningsdag falls inside the contact term.
    let one = receipt("2026-04-24T09:30:00+02:00");
    c.bench_function("terms/compute_one", |b| {
        b.iter(|| Terms::compute(black_box(one), black_box(&cal)))
    });

    // Every 8h46m: a year of receipts at all hours, weekends and holidays.
    let start = receipt("2026-01-01T00:00:00Z");
    let step = SignedDuration::from_secs(365 * 86_400 / 1_000);
    let receipts: Vec<Timestamp> = (0..1_000)
        .map(|i| {
            start
                .checked_add(step * i)
                .expect("one year after 2026 is in range")
        })
        .collect();
    let mut group = c.benchmark_group("terms");
    group.throughput(Throughput::Elements(receipts.len() as u64));
    group.bench_function("compute_1000_over_a_year", |b| {
        b.iter(|| {
            black_box(&receipts)
                .iter()
                .map(|&at| Terms::compute(at, black_box(&cal)))
                .fold(0_i64, |acc, t| acc + i64::from(t.record.day()))
        })
    });
    group.finish();
}

criterion_group!(benches, terms);
criterion_main!(benches);
