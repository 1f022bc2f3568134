//! `sfn_dsl::emit`: the files `examples/build.rs` commits are exactly what the emitter writes,
//! and a second run rewrites nothing.

use std::path::PathBuf;

fn generated_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/deploy/generated")
}

#[test]
fn emitted_files_match_the_committed_deploy_files_and_are_written_once() {
    let workflow = examples::order_api::workflow().expect("builds");
    let dir = std::env::temp_dir().join(format!("sfn-emit-test-{}", std::process::id()));
    let emit = || {
        sfn_dsl::emit::Emitter::new(&dir)
            .workflow("order_api", &workflow)
            .terraform(true)
            .cloudformation(true)
            .iam_policy(true)
            .cargo_directives(false)
            .write()
            .expect("writes")
    };
    let first = emit();
    assert_eq!(first.written.len(), 4);
    assert_eq!(first.written, first.files);
    for file in &first.files {
        let name = file.file_name().expect("a file name");
        let committed = std::fs::read(generated_dir().join(name)).expect("committed file");
        let fresh = std::fs::read(file).expect("emitted file");
        assert!(
            committed == fresh,
            "{} is out of date",
            name.to_string_lossy()
        );
    }
    let second = emit();
    assert!(second.written.is_empty(), "unchanged files were rewritten");
    std::fs::remove_dir_all(&dir).expect("cleans up");
}

#[test]
fn cloudformation_substitutes_every_placeholder_from_a_parameter() {
    let workflow = examples::order_api::workflow().expect("builds");
    let template = sfn_dsl::emit::cloudformation("order_api", &workflow);
    let substitutions = &template["Resources"]["OrderApi"]["Properties"]["DefinitionSubstitutions"];
    for name in workflow.placeholders() {
        assert_eq!(substitutions[&name]["Ref"], name.as_str());
        assert!(template["Parameters"].get(&name).is_some());
    }
}

#[test]
fn terraform_fills_every_placeholder_from_a_variable() {
    let workflow = examples::order_api::workflow().expect("builds");
    let module = sfn_dsl::emit::terraform("order_api", &workflow);
    let definition = module["resource"]["aws_sfn_state_machine"]["order_api"]["definition"]
        .as_str()
        .expect("a template string");
    assert!(definition.starts_with("${templatefile(\"${path.module}/order_api.asl.json\""));
    for name in workflow.placeholders() {
        assert!(definition.contains(&format!("{name} = var.{name}")));
        assert!(module["variable"].get(&name).is_some());
    }
}
