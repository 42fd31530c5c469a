/// The one workflow engine (docs/ARCHITECTURE.md "Workflow"): a case type declares its states and a table
/// of transitions (state × event × role → state, with guards). The engine accepts exactly what the table
/// says and refuses everything else with a reason a clerk can read. The App layer persists the new state
/// and writes the audit entry in the same transaction (see App/Workflow/WorkflowRunner.swift).

/// A state of a case type; its raw value is what the database stores.
public protocol WorkflowState: RawRepresentable, Hashable, Sendable, CaseIterable where RawValue == String {
    /// Chinese name shown to users (e.g. 征求意见).
    var label: String { get }
}

/// An event that moves a case (e.g. submit, approve).
public protocol WorkflowEvent: RawRepresentable, Hashable, Sendable, CaseIterable where RawValue == String {
    /// Chinese verb shown on the button (e.g. 提交审查).
    var label: String { get }
}

/// A condition a transition needs besides the role, such as "legality review passed" or
/// "reviewer is not the drafter". `failure` is the sentence shown when it does not hold.
public struct WorkflowGuard<Context>: Sendable {
    public let failure: String
    public let holds: @Sendable (Context) -> Bool

    public init(_ failure: String, _ holds: @escaping @Sendable (Context) -> Bool) {
        self.failure = failure
        self.holds = holds
    }
}

public struct WorkflowTransition<State: WorkflowState, Event: WorkflowEvent, Context>: Sendable {
    public let from: State
    public let event: Event
    public let roles: Set<Role>
    public let to: State
    public let guards: [WorkflowGuard<Context>]

    public init(_ from: State, _ event: Event, by roles: Set<Role>, to: State, guards: [WorkflowGuard<Context>] = []) {
        self.from = from
        self.event = event
        self.roles = roles
        self.to = to
        self.guards = guards
    }
}

/// Why the engine refused an event. `message` is Chinese and names what is missing.
public struct WorkflowRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The table has no row for this state and event.
        case notInTable
        /// The row exists but none of the actor's roles may fire it.
        case roleNotAllowed
        /// The row exists, the role may fire it, but a guard does not hold.
        case guardFailed
    }

    public let reason: Reason
    public let message: String

    public init(reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

public struct WorkflowDefinition<State: WorkflowState, Event: WorkflowEvent, Context>: Sendable {
    /// Stable code of the case type, used in audit actions (e.g. "document").
    public let caseType: String
    public let initial: State
    public let transitions: [WorkflowTransition<State, Event, Context>]

    /// Builds a definition; the table must name each (state, event) pair once, so the engine is deterministic.
    public init(caseType: String, initial: State, transitions: [WorkflowTransition<State, Event, Context>]) {
        var seen = Set<String>()
        for transition in transitions {
            let key = "\(transition.from.rawValue)|\(transition.event.rawValue)"
            precondition(seen.insert(key).inserted, "workflow \(caseType): (\(key)) appears twice in the table")
            precondition(!transition.roles.isEmpty, "workflow \(caseType): (\(key)) names no role")
        }
        self.caseType = caseType
        self.initial = initial
        self.transitions = transitions
    }

    /// The transition the event fires from `state` for an actor holding `roles`, or the reason it is refused.
    public func apply(_ event: Event, from state: State, roles: Set<Role>, context: Context)
        -> Result<WorkflowTransition<State, Event, Context>, WorkflowRefusal> {
        guard let transition = transitions.first(where: { $0.from == state && $0.event == event }) else {
            return .failure(WorkflowRefusal(
                reason: .notInTable,
                message: "当前状态为「\(state.label)」，不能执行「\(event.label)」。"))
        }
        guard !transition.roles.isDisjoint(with: roles) else {
            let allowed = transition.roles.sorted().map(\.label).joined(separator: "、")
            return .failure(WorkflowRefusal(
                reason: .roleNotAllowed,
                message: "「\(event.label)」只能由\(allowed)执行。"))
        }
        if let failed = transition.guards.first(where: { !$0.holds(context) }) {
            return .failure(WorkflowRefusal(reason: .guardFailed, message: failed.failure))
        }
        return .success(transition)
    }

    /// The events an actor could fire now (for showing only the buttons that will work).
    public func available(from state: State, roles: Set<Role>, context: Context) -> [WorkflowTransition<State, Event, Context>] {
        transitions.filter { $0.from == state && !$0.roles.isDisjoint(with: roles) && $0.guards.allSatisfy { $0.holds(context) } }
    }

    /// States no transition leaves: the case is closed there.
    public var terminalStates: Set<State> {
        let leaving = Set(transitions.map(\.from))
        return Set(State.allCases).subtracting(leaving)
    }

    /// States that cannot be reached from the initial state (a table error worth a test).
    public var unreachableStates: Set<State> {
        var reached: Set<State> = [initial]
        var frontier = [initial]
        while let state = frontier.popLast() {
            for transition in transitions where transition.from == state && reached.insert(transition.to).inserted {
                frontier.append(transition.to)
            }
        }
        return Set(State.allCases).subtracting(reached)
    }
}
