# A root module deploying the ASL written by examples/build.rs. Not run by the tests.
#
# ../generated is a Terraform module: order_api.tf.json declares the aws_sfn_state_machine, whose
# definition is templatefile("order_api.asl.json", {...}) with one variable per ${Placeholder}.

variable "validate_order_arn" { type = string }
variable "process_payment_arn" { type = string }
variable "fulfillment_state_machine_arn" { type = string }

resource "aws_sqs_queue" "order_dead_letters" {
  name = "order-dead-letters"
}

resource "aws_sns_topic" "orders" {
  name = "orders"
}

resource "aws_iam_role" "order_api" {
  name = "order-api"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "states.amazonaws.com" } }]
  })
}

# The policy sfn-dsl derived from the Task resources, with the same placeholders filled in.
resource "aws_iam_role_policy" "order_api" {
  role = aws_iam_role.order_api.id
  policy = templatefile("${path.module}/../generated/order_api.iam.json", {
    ValidateOrderArn           = var.validate_order_arn
    ProcessPaymentArn          = var.process_payment_arn
    FulfillmentStateMachineArn = var.fulfillment_state_machine_arn
    DeadLetterQueueUrl         = aws_sqs_queue.order_dead_letters.url
    OrderTopicArn              = aws_sns_topic.orders.arn
  })
}

module "order_api" {
  source = "../generated"

  order_api_role_arn         = aws_iam_role.order_api.arn
  ValidateOrderArn           = var.validate_order_arn
  ProcessPaymentArn          = var.process_payment_arn
  FulfillmentStateMachineArn = var.fulfillment_state_machine_arn
  DeadLetterQueueUrl         = aws_sqs_queue.order_dead_letters.url
  OrderTopicArn              = aws_sns_topic.orders.arn
}
