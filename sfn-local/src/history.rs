//! The execution history, as AWS's `GetExecutionHistory` reports it: typed events with ids,
//! previous-event ids, virtual timestamps and per-type details.

use serde_json::{Map, Value, json};

use crate::clock::Instant;

macro_rules! event_types {
    ($($variant:ident,)*) => {
        /// The `type` of a history event, named as AWS names it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum EventType {
            $(#[doc = concat!("`", stringify!($variant), "`.")] $variant,)*
        }

        impl EventType {
            /// The name as AWS spells it, e.g. `TaskStateEntered`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(EventType::$variant => stringify!($variant),)*
                }
            }
        }
    };
}

event_types! {
    ExecutionStarted, ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted,
    TaskStateEntered, TaskStateExited, TaskStateAborted,
    TaskScheduled, TaskStarted, TaskSucceeded, TaskFailed, TaskTimedOut, TaskSubmitted,
    LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded, LambdaFunctionFailed,
    LambdaFunctionTimedOut,
    ActivityScheduled, ActivityStarted, ActivitySucceeded, ActivityFailed, ActivityTimedOut,
    PassStateEntered, PassStateExited,
    ChoiceStateEntered, ChoiceStateExited,
    WaitStateEntered, WaitStateExited, WaitStateAborted,
    SucceedStateEntered, SucceedStateExited,
    FailStateEntered,
    ParallelStateEntered, ParallelStateStarted, ParallelStateSucceeded, ParallelStateFailed,
    ParallelStateExited, ParallelStateAborted,
    MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateFailed, MapStateExited,
    MapStateAborted,
    MapIterationStarted, MapIterationSucceeded, MapIterationFailed, MapIterationAborted,
}

/// What an event says beyond its type.
#[derive(Clone, Debug, PartialEq)]
pub enum EventDetails {
    /// No details (`ParallelStateStarted`, `MapStateSucceeded`, …).
    None,
    /// `executionStartedEventDetails`.
    ExecutionStarted {
        /// The execution's input.
        input: Value,
        /// The role the execution runs as.
        role_arn: String,
    },
    /// `executionSucceededEventDetails`.
    ExecutionSucceeded {
        /// The execution's output.
        output: Value,
    },
    /// `stateEnteredEventDetails`.
    StateEntered {
        /// The state's name.
        name: String,
        /// Its raw input.
        input: Value,
    },
    /// `stateExitedEventDetails`.
    StateExited {
        /// The state's name.
        name: String,
        /// Its output.
        output: Value,
    },
    /// `taskScheduledEventDetails` (and the Lambda and activity forms).
    TaskScheduled {
        /// `resourceType`, e.g. `lambda` for `arn:aws:states:::lambda:invoke`.
        resource_type: String,
        /// `resource`, e.g. `invoke`.
        resource: String,
        /// The effective input sent to the task.
        parameters: Value,
        /// `timeoutInSeconds`, when the state sets one.
        timeout_seconds: Option<u64>,
        /// `heartbeatInSeconds`, when the state sets one.
        heartbeat_seconds: Option<u64>,
        /// `taskCredentials.roleArn`: the role from the state's `Credentials`, when it has them.
        role_arn: Option<String>,
    },
    /// `taskStartedEventDetails`.
    TaskStarted {
        /// `resourceType`.
        resource_type: String,
        /// `resource`.
        resource: String,
    },
    /// `taskSucceededEventDetails`.
    TaskSucceeded {
        /// `resourceType`.
        resource_type: String,
        /// `resource`.
        resource: String,
        /// The task's result.
        output: Value,
    },
    /// `…FailedEventDetails`, `…TimedOutEventDetails`, `…AbortedEventDetails`: an error and cause.
    Failure {
        /// The error name.
        error: String,
        /// The cause.
        cause: String,
        /// `resourceType` and `resource` for task failures.
        resource: Option<(String, String)>,
    },
    /// `mapStateStartedEventDetails`.
    MapStateStarted {
        /// How many items the Map iterates.
        length: usize,
    },
    /// `mapIteration…EventDetails`.
    MapIteration {
        /// The Map state's name.
        name: String,
        /// The iteration's index.
        index: usize,
    },
}

/// One event of the history.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEvent {
    /// `id`: 1 for `ExecutionStarted`, then increasing.
    pub id: u64,
    /// `previousEventId`: the event this one follows in its branch (0 for the first).
    pub previous_event_id: u64,
    /// `timestamp` in virtual time.
    pub timestamp: Instant,
    /// `type`.
    pub event_type: EventType,
    /// The `…EventDetails` object.
    pub details: EventDetails,
}

/// JSON text of a value, as AWS puts payloads in history events.
fn text(value: &Value) -> Value {
    Value::String(value.to_string())
}

fn no_truncation() -> Value {
    json!({"truncated": false})
}

impl HistoryEvent {
    /// The key AWS uses for this event's details, e.g. `stateEnteredEventDetails`.
    fn details_key(&self) -> Option<String> {
        use EventType as E;
        let key = match self.event_type {
            E::ExecutionStarted => "executionStartedEventDetails",
            E::ExecutionSucceeded => "executionSucceededEventDetails",
            E::ExecutionFailed => "executionFailedEventDetails",
            E::ExecutionTimedOut => "executionTimedOutEventDetails",
            E::ExecutionAborted => "executionAbortedEventDetails",
            E::TaskScheduled => "taskScheduledEventDetails",
            E::TaskStarted => "taskStartedEventDetails",
            E::TaskSucceeded => "taskSucceededEventDetails",
            E::TaskFailed => "taskFailedEventDetails",
            E::TaskTimedOut => "taskTimedOutEventDetails",
            E::TaskSubmitted => "taskSubmittedEventDetails",
            E::LambdaFunctionScheduled => "lambdaFunctionScheduledEventDetails",
            E::LambdaFunctionSucceeded => "lambdaFunctionSucceededEventDetails",
            E::LambdaFunctionFailed => "lambdaFunctionFailedEventDetails",
            E::LambdaFunctionTimedOut => "lambdaFunctionTimedOutEventDetails",
            E::ActivityScheduled => "activityScheduledEventDetails",
            E::ActivityStarted => "activityStartedEventDetails",
            E::ActivitySucceeded => "activitySucceededEventDetails",
            E::ActivityFailed => "activityFailedEventDetails",
            E::ActivityTimedOut => "activityTimedOutEventDetails",
            E::MapStateStarted => "mapStateStartedEventDetails",
            E::MapIterationStarted => "mapIterationStartedEventDetails",
            E::MapIterationSucceeded => "mapIterationSucceededEventDetails",
            E::MapIterationFailed => "mapIterationFailedEventDetails",
            E::MapIterationAborted => "mapIterationAbortedEventDetails",
            _ => match self.details {
                EventDetails::StateEntered { .. } => "stateEnteredEventDetails",
                EventDetails::StateExited { .. } => "stateExitedEventDetails",
                _ => return None,
            },
        };
        Some(key.to_owned())
    }

    /// The event as AWS's `GetExecutionHistory` prints it (payloads as JSON text).
    pub fn to_json(&self) -> Value {
        let mut event = Map::new();
        event.insert("timestamp".into(), self.timestamp.to_string().into());
        event.insert("type".into(), self.event_type.as_str().into());
        event.insert("id".into(), self.id.into());
        event.insert("previousEventId".into(), self.previous_event_id.into());
        let details = match &self.details {
            EventDetails::None => None,
            EventDetails::ExecutionStarted { input, role_arn } => Some(json!({
                "input": text(input), "inputDetails": no_truncation(), "roleArn": role_arn,
            })),
            EventDetails::ExecutionSucceeded { output } => {
                Some(json!({"output": text(output), "outputDetails": no_truncation()}))
            }
            EventDetails::StateEntered { name, input } => Some(json!({
                "name": name, "input": text(input), "inputDetails": no_truncation(),
            })),
            EventDetails::StateExited { name, output } => Some(json!({
                "name": name, "output": text(output), "outputDetails": no_truncation(),
            })),
            EventDetails::TaskScheduled {
                resource_type,
                resource,
                parameters,
                timeout_seconds,
                heartbeat_seconds,
                role_arn,
            } => {
                let mut d = Map::new();
                match self.event_type {
                    EventType::LambdaFunctionScheduled | EventType::ActivityScheduled => {
                        d.insert("resource".into(), resource.clone().into());
                        d.insert("input".into(), text(parameters));
                        d.insert("inputDetails".into(), no_truncation());
                    }
                    _ => {
                        d.insert("resourceType".into(), resource_type.clone().into());
                        d.insert("resource".into(), resource.clone().into());
                        d.insert("region".into(), "us-east-1".into());
                        d.insert("parameters".into(), text(parameters));
                    }
                }
                if let Some(t) = timeout_seconds {
                    d.insert("timeoutInSeconds".into(), (*t).into());
                }
                if let Some(h) = heartbeat_seconds {
                    d.insert("heartbeatInSeconds".into(), (*h).into());
                }
                // TaskScheduledEventDetails and LambdaFunctionScheduledEventDetails carry
                // `taskCredentials`; ActivityScheduledEventDetails has no such field.
                if let Some(role) = role_arn
                    && self.event_type != EventType::ActivityScheduled
                {
                    d.insert("taskCredentials".into(), json!({"roleArn": role}));
                }
                Some(Value::Object(d))
            }
            EventDetails::TaskStarted {
                resource_type,
                resource,
            } => Some(json!({"resourceType": resource_type, "resource": resource})),
            EventDetails::TaskSucceeded {
                resource_type,
                resource,
                output,
            } => {
                let mut d = Map::new();
                if self.event_type == EventType::TaskSucceeded {
                    d.insert("resourceType".into(), resource_type.clone().into());
                    d.insert("resource".into(), resource.clone().into());
                }
                d.insert("output".into(), text(output));
                d.insert("outputDetails".into(), no_truncation());
                Some(Value::Object(d))
            }
            EventDetails::Failure {
                error,
                cause,
                resource,
            } => {
                let mut d = Map::new();
                if let Some((resource_type, resource)) = resource {
                    d.insert("resourceType".into(), resource_type.clone().into());
                    d.insert("resource".into(), resource.clone().into());
                }
                d.insert("error".into(), error.clone().into());
                d.insert("cause".into(), cause.clone().into());
                Some(Value::Object(d))
            }
            EventDetails::MapStateStarted { length } => Some(json!({"length": length})),
            EventDetails::MapIteration { name, index } => {
                Some(json!({"name": name, "index": index}))
            }
        };
        if let (Some(key), Some(details)) = (self.details_key(), details) {
            event.insert(key, details);
        }
        Value::Object(event)
    }
}

/// The events of one execution, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    events: Vec<HistoryEvent>,
}

impl History {
    /// The events, oldest first.
    pub fn events(&self) -> &[HistoryEvent] {
        &self.events
    }

    /// The event types in order: a compact way to assert on a run.
    pub fn types(&self) -> Vec<EventType> {
        self.events.iter().map(|e| e.event_type).collect()
    }

    /// `{"events": [...]}`, as `GetExecutionHistory` returns it.
    pub fn to_json(&self) -> Value {
        json!({"events": self.events.iter().map(HistoryEvent::to_json).collect::<Vec<_>>()})
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether there are no events (only for a run that recorded no history).
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// Records events while an execution runs; counts them even when not keeping them, so the
/// 25,000-event limit holds either way.
#[derive(Debug)]
pub(crate) struct Recorder {
    keep: bool,
    count: u64,
    history: History,
}

impl Recorder {
    pub(crate) fn new(keep: bool) -> Self {
        Recorder {
            keep,
            count: 0,
            history: History::default(),
        }
    }

    /// Appends an event after `previous` and returns its id. `details` is built only when the
    /// history is kept.
    #[inline]
    pub(crate) fn push(
        &mut self,
        previous: u64,
        timestamp: Instant,
        event_type: EventType,
        details: impl FnOnce() -> EventDetails,
    ) -> u64 {
        self.count += 1;
        if self.keep {
            self.keep_event(previous, timestamp, event_type, details());
        }
        self.count
    }

    /// Stores the event `push` just counted (kept out of line: without a history, `push` is an
    /// increment the compiler can inline).
    fn keep_event(
        &mut self,
        previous: u64,
        timestamp: Instant,
        event_type: EventType,
        details: EventDetails,
    ) {
        self.history.events.push(HistoryEvent {
            id: self.count,
            previous_event_id: previous,
            timestamp,
            event_type,
            details,
        });
    }

    pub(crate) fn count(&self) -> u64 {
        self.count
    }

    pub(crate) fn finish(self) -> History {
        self.history
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_entered_events_print_their_input_as_json_text() {
        let mut recorder = Recorder::new(true);
        let id = recorder.push(0, Instant(0), EventType::PassStateEntered, || {
            EventDetails::StateEntered {
                name: "A".into(),
                input: json!({"x": 1}),
            }
        });
        assert_eq!(id, 1);
        let json = recorder.finish().to_json();
        assert_eq!(
            json["events"][0],
            json!({
                "timestamp": "1970-01-01T00:00:00.000Z", "type": "PassStateEntered", "id": 1,
                "previousEventId": 0,
                "stateEnteredEventDetails": {"name": "A", "input": "{\"x\":1}",
                    "inputDetails": {"truncated": false}}
            })
        );
    }

    #[test]
    fn a_recorder_that_keeps_nothing_still_counts() {
        let mut recorder = Recorder::new(false);
        recorder.push(0, Instant(0), EventType::ExecutionStarted, || {
            unreachable!("details are not built when the history is not kept")
        });
        assert_eq!(recorder.count(), 1);
        assert!(recorder.finish().is_empty());
    }
}
