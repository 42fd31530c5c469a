import Foundation
import Testing
@testable import FazhiCore

@Suite("Session and lockout policy")
struct SessionPolicyTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: [
        (0.0, 0.0, SessionPolicy.Expiry?.none),
        (29 * 60, 0, nil),
        (30 * 60, 0, .idle),
        (11 * 3600, 10.9 * 3600, nil),
        (12 * 3600, 11.9 * 3600, .absolute),
        (13 * 3600, 10 * 3600, .absolute),
    ] as [(TimeInterval, TimeInterval, SessionPolicy.Expiry?)])
    func expiry(elapsed: TimeInterval, lastSeenAfterStart: TimeInterval, expected: SessionPolicy.Expiry?) {
        let policy = SessionPolicy()
        #expect(policy.expiry(createdAt: Self.start, lastSeenAt: Self.start.addingTimeInterval(lastSeenAfterStart),
                              now: Self.start.addingTimeInterval(elapsed)) == expected)
    }

    @Test func touchOncePerMinute() {
        let policy = SessionPolicy()
        #expect(!policy.needsTouch(lastSeenAt: Self.start, now: Self.start.addingTimeInterval(59)))
        #expect(policy.needsTouch(lastSeenAt: Self.start, now: Self.start.addingTimeInterval(60)))
    }

    @Test func fifthFailureLocksForFifteenMinutes() {
        let policy = LockoutPolicy()
        var count = 0
        for attempt in 1...5 {
            let after = policy.afterFailure(previousConsecutiveFailures: count, now: Self.start)
            count = after.consecutiveFailures
            #expect((after.lockedUntil != nil) == (attempt == 5))
            if let until = after.lockedUntil {
                #expect(until == Self.start.addingTimeInterval(15 * 60))
                #expect(policy.isLocked(lockedUntil: until, now: Self.start.addingTimeInterval(15 * 60 - 1)))
                #expect(!policy.isLocked(lockedUntil: until, now: Self.start.addingTimeInterval(15 * 60)))
            }
        }
        #expect(!policy.isLocked(lockedUntil: nil, now: Self.start))
        #expect(!policy.addressThrottled(recentFailures: 19))
        #expect(policy.addressThrottled(recentFailures: 20))
    }
}
