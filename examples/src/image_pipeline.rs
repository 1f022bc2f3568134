//! The seed's image pipeline, exactly: 이미지 업로드 → 이미지 리사이징 (썸네일 생성 and 중간 크기
//! 생성 in parallel) → 메타데이터 저장.

use sfn_dsl::prelude::*;

use crate::function_arn;

/// Builds the workflow.
pub fn workflow() -> Result<Workflow, BuildError> {
    let step = |name: &str, function: &str| task(name).resource(lambda(function_arn(function)));
    let flow = step("이미지 업로드", "UploadImage")
        .then(
            parallel("이미지 리사이징")
                .branch(step("썸네일 생성", "CreateThumbnail"))
                .branch(step("중간 크기 생성", "CreateMedium")),
        )
        .then(step("메타데이터 저장", "SaveMetadata"));
    Workflow::builder(flow).build()
}
