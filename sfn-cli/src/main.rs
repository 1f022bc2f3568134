//! `sfn`: validate, render, run and import AWS Step Functions workflows.

fn main() {}
