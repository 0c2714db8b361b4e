//! probe
use std::sync::Arc;
use std::time::Instant;
use arrow_schema::{DataType, Field, Schema, TimeUnit};
fn main() {
    let n = 1_000_000usize;
    let cats = ["alpha","beta","gamma","delta","eps","zeta","eta","theta","iota","kappa"];
    let mut text = String::from("id,name,category,price,stock,updated,active,note\n");
    use std::fmt::Write;
    for i in 0..n { let _ = writeln!(text, "{i},item {i},{},{},{},2026-{:02}-{:02}T10:00:00+00:00,{},note {}", cats[i%10], ((i*7919)%100000) as f64/100.0, (i*31)%500, 1+i%12, 1+i%28, i%2==0, i%97); }
    let body = &text.as_bytes()[text.find('\n').unwrap()+1..];
    let names = ["id","name","category","price","stock","updated","active","note"];
    let typed = [DataType::Int64, DataType::Utf8View, DataType::Utf8View, DataType::Float64, DataType::Int64, DataType::Timestamp(TimeUnit::Microsecond, Some("+00:00".into())), DataType::Boolean, DataType::Utf8View];
    for case in [3usize] {
        let types: Vec<DataType> = match case { 0 => typed.to_vec(), 1 => vec![DataType::Utf8View; 8], 2 => typed.iter().map(|t| if matches!(t, DataType::Timestamp(..)) {DataType::Utf8View} else {t.clone()}).collect(), _ => typed.iter().map(|t| if *t==DataType::Utf8View {DataType::Utf8} else {t.clone()}).collect() };
        let schema = Arc::new(Schema::new(names.iter().zip(types).map(|(n,t)| Field::new(*n, t, true)).collect::<Vec<_>>()));
        let t = Instant::now();
        let mut b = arrow_csv::ReaderBuilder::new(schema).with_header(false).with_batch_size(if case==4 {1<<20} else {65536}); if case==5 { b = b.with_projection(vec![0]); } let r = b.build_buffered(body).unwrap();
        let batches: Vec<_> = r.collect::<Result<_,_>>().unwrap();
        let parse = t.elapsed();
        let t = Instant::now();
        let _b = arrow_select::concat::concat_batches(&batches[0].schema(), &batches).unwrap();
        println!("case {case}: parse {parse:?} concat {:?}", t.elapsed());
    }
}
