import { describe, expect, it } from 'vitest';
import { handleTimeFrom } from '../../../src/metrics/busy-hours/handle-time.js';
import { agentsNeeded } from '../../../src/metrics/staffing.js';

describe('handleTimeFrom', () => {
  it('is agent-active hours in seconds per close', () => {
    // 2 agents: one replied in 4 clock hours, the other in 2 → 6 hours; they closed 8 → 6·3600/8 = 2700 s
    expect(handleTimeFrom(6, 8)).toEqual({ activeAgentHours: 6, agentCloses: 8, handleTimeSec: 2700, noHintReason: null });
    // more closes than hours: an agent keeping several conversations going clears them faster than one an hour
    expect(handleTimeFrom(3, 12).handleTimeSec).toBe(900);
  });

  it('has no handle time without replies or without closes, and says which', () => {
    expect(handleTimeFrom(0, 5)).toEqual({ activeAgentHours: 0, agentCloses: 5, handleTimeSec: null, noHintReason: 'no-agent-replies' });
    expect(handleTimeFrom(4, 0)).toEqual({ activeAgentHours: 4, agentCloses: 0, handleTimeSec: null, noHintReason: 'no-agent-closes' });
    expect(handleTimeFrom(0, 0).noHintReason).toBe('no-agent-replies');
  });

  it('feeds Erlang C: 6 hours, 8 closes, 3 arrivals an hour', () => {
    // AHT = 2700 s, λ = 3/3600 per s → A = 3·2700/3600 = 2.25 Erlangs; T = 300 s, target 0.8.
    //   B(1) = 2.25/3.25 = 9/13; B(2) = 2.25·(9/13)/(2 + 2.25·9/13) = (81/52)/(185/52) = 81/185;
    //   B(3) = 2.25·(81/185)/(3 + 2.25·81/185) = (729/740)/(2949/740) = 243/983
    //   N = 3: C = (729/983)/(3 − 2.25·740/983) = 729/1284 = 0.567757,
    //          SL = 1 − 0.567757·e^{−0.75·300/2700} = 1 − 0.567757·0.920044 = 0.477638 < 0.8
    //   B(4) = 2.25·(243/983)/(4 + 2.25·243/983) = (2187/3932)/(17915/3932) = 2187/17915
    //   N = 4: C = (8748/17915)/(4 − 2.25·15728/17915) = 8748/36272 = 0.241178,
    //          SL = 1 − 0.241178·e^{−1.75·300/2700} = 1 − 0.241178·0.823292 = 0.801440 ≥ 0.8 → 4
    const { handleTimeSec } = handleTimeFrom(6, 8);
    expect(agentsNeeded({ arrivalRatePerSec: 3 / 3600, handleTimeSec: handleTimeSec!, targetSec: 300, serviceLevel: 0.8 })).toBe(4);
  });
});
