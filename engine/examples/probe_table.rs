use brook_engine::data::Table;
use brook_engine::data::arrow::array::{StringArray, StringViewArray};
use std::time::Instant;
fn rss() -> f64 { let s = std::fs::read_to_string("/proc/self/statm").unwrap(); let pages: f64 = s.split_whitespace().nth(1).unwrap().parse().unwrap(); pages * 4096.0 / 1048576.0 }
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let cats = ["alpha","beta","gamma","delta","eps","zeta","eta","theta","iota","kappa"];
    let mut text = String::from("id,name,category,price,stock,updated,active,note\n");
    use std::fmt::Write;
    for i in 0..n { let _ = writeln!(text, "{i},item {i},{},{},{},2026-{:02}-{:02}T10:00:00+00:00,{},note {}", cats[i%10], ((i*7919)%100000) as f64/100.0, (i*31)%500, 1+i%12, 1+i%28, i%2==0, i%97); }
    let before = rss();
    let t = Instant::now(); let table = Table::from_csv(&text).unwrap(); let load = t.elapsed();
    let after = rss();
    let t = Instant::now(); let sorted = table.sort_by("price", false).unwrap(); let sort = t.elapsed();
    let t = Instant::now(); let f = table.filter::<StringViewArray>("category", |c| c == Some("gamma")).unwrap(); let filter = t.elapsed();
    let mask = brook_engine::data::arrow::compute::cmp::eq(table.array("category").unwrap(), &StringViewArray::new_scalar("gamma")).unwrap();
    let t = Instant::now(); let f2 = table.filter_mask(&mask).unwrap(); let filter2 = t.elapsed();
    let t = Instant::now(); let idx = table.sort_indices("price", false).unwrap(); let si = t.elapsed();
    for name in ["id","name","category","price","updated","note"] { let t = Instant::now(); let _ = brook_engine::data::arrow::compute::take::take(table.array(name).unwrap(), &idx, None).unwrap(); println!("take {name} {:?}", t.elapsed()); }
    println!("sort_indices {si:?}");
    println!("{:?} load={load:?} sort={sort:?} filter={filter:?} mask_filter={filter2:?} rss={:.1} {} {} {}", table.schema().fields().iter().map(|f| f.data_type().to_string()).collect::<Vec<_>>(), after-before, sorted.len(), f.len(), f2.len());
}
#[allow(dead_code)]
fn unused() {}
