// A CDK (v2) stack that deploys the ASL written by examples/build.rs. Not run by the tests.
import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export class OrderApiStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & {
    validateOrder: lambda.IFunction;
    processPayment: lambda.IFunction;
    fulfillment: sfn.IStateMachine;
  }) {
    super(scope, id, props);
    const deadLetters = new sqs.Queue(this, 'OrderDeadLetters', { retentionPeriod: Duration.days(14) });
    const topic = new sns.Topic(this, 'OrderTopic');

    const machine = new sfn.StateMachine(this, 'OrderApi', {
      // The file build.rs wrote; its ${...} placeholders are filled in below.
      definitionBody: sfn.DefinitionBody.fromFile(
        path.join(__dirname, '../generated/order_api.asl.json'),
      ),
      definitionSubstitutions: {
        ValidateOrderArn: props.validateOrder.functionArn,
        ProcessPaymentArn: props.processPayment.functionArn,
        FulfillmentStateMachineArn: props.fulfillment.stateMachineArn,
        DeadLetterQueueUrl: deadLetters.queueUrl,
        OrderTopicArn: topic.topicArn,
      },
    });

    // The permissions sfn-dsl derived (generated/order_api.iam.json), granted the CDK way.
    props.validateOrder.grantInvoke(machine);
    props.processPayment.grantInvoke(machine);
    props.fulfillment.grantStartExecution(machine);
    deadLetters.grantSendMessages(machine);
    topic.grantPublish(machine);
    machine.addToRolePolicy(new iam.PolicyStatement({
      actions: ['states:DescribeExecution', 'states:StopExecution'],
      resources: ['*'],
    }));
  }
}
