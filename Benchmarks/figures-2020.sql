-- The 2020 figures of `fazhi report --year 2020 --format json` that plain SQL can state, one SELECT each,
-- printing `key|value` (sqlite3 list mode). Benchmarks/run.sh times this file with sqlite3 beside the report
-- command and checks every value against the report's. Period 2020-01-01 … 2020-12-31 (no cut-off set).
-- Not here, because they count with the legal calendar (holidays, make-up working days) or parse text:
-- documents.filing.onTimeRate, documents.filed.late, contracts.reviewOnTimeRate, contracts.filingOnTimeRate.

-- Documents (DocumentStatistics)
SELECT 'documents.issued', count(*) FROM documents d JOIN units u ON u.id = d.issuing_unit_id
  WHERE d.published_on BETWEEN '2020-01-01' AND '2020-12-31' AND d.predecessor_id IS NULL AND u.kind <> 'other';
SELECT 'documents.issued.government', count(*) FROM documents d JOIN units u ON u.id = d.issuing_unit_id
  WHERE d.published_on BETWEEN '2020-01-01' AND '2020-12-31' AND d.predecessor_id IS NULL AND u.kind = 'county_government';
SELECT 'documents.issued.governmentOffice', count(*) FROM documents d JOIN units u ON u.id = d.issuing_unit_id
  WHERE d.published_on BETWEEN '2020-01-01' AND '2020-12-31' AND d.predecessor_id IS NULL AND u.kind = 'government_office';
SELECT 'documents.issued.departments', count(*) FROM documents d JOIN units u ON u.id = d.issuing_unit_id
  WHERE d.published_on BETWEEN '2020-01-01' AND '2020-12-31' AND d.predecessor_id IS NULL AND u.kind = 'department';
SELECT 'documents.issued.townships', count(*) FROM documents d JOIN units u ON u.id = d.issuing_unit_id
  WHERE d.published_on BETWEEN '2020-01-01' AND '2020-12-31' AND d.predecessor_id IS NULL AND u.kind = 'township';
SELECT 'documents.cleanup.total', count(*) FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id
  WHERE c.decision_date BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'documents.cleanup.repealed', count(*) FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id
  WHERE c.decision_date BETWEEN '2020-01-01' AND '2020-12-31' AND e.outcome = 'repeal';
SELECT 'documents.cleanup.declaredInvalid', count(*) FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id
  WHERE c.decision_date BETWEEN '2020-01-01' AND '2020-12-31' AND e.outcome = 'declareInvalid';
SELECT 'documents.cleanup.continued', count(*) FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id
  WHERE c.decision_date BETWEEN '2020-01-01' AND '2020-12-31' AND e.outcome = 'continued';
SELECT 'documents.cleanup.amended', count(*) FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id
  WHERE c.decision_date BETWEEN '2020-01-01' AND '2020-12-31' AND e.outcome = 'amend';
SELECT 'documents.cleanup.republished', count(*) FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id
  WHERE c.decision_date BETWEEN '2020-01-01' AND '2020-12-31' AND e.outcome = 'republish';
SELECT 'documents.cleanup.marketRelated', count(*) FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id
  JOIN documents d ON d.id = e.document_id WHERE c.decision_date BETWEEN '2020-01-01' AND '2020-12-31' AND d.market_related = 1;
SELECT 'documents.cleanup.marketRelated.changed', count(*) FROM cleanup_entries e JOIN cleanup_campaigns c ON c.id = e.campaign_id
  JOIN documents d ON d.id = e.document_id WHERE c.decision_date BETWEEN '2020-01-01' AND '2020-12-31' AND d.market_related = 1
  AND e.outcome IN ('amend', 'repeal', 'declareInvalid');
SELECT 'documents.reviews', count(*) FROM reviews WHERE subject_type = 'document' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'documents.reviews.passed', count(*) FROM reviews WHERE subject_type = 'document' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31'
  AND opinion <> 'disagree';
SELECT 'documents.reviews.agreed', count(*) FROM reviews WHERE subject_type = 'document' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31'
  AND opinion = 'agree';
SELECT 'documents.reviews.agreedWithChanges', count(*) FROM reviews WHERE subject_type = 'document' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31'
  AND opinion = 'agreeWithChanges';
SELECT 'documents.reviews.returned', count(*) FROM reviews WHERE subject_type = 'document' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31'
  AND opinion = 'disagree';
SELECT 'documents.filed', count(*) FROM documents WHERE filed_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'documents.amended', count(*) FROM document_changes WHERE kind = 'amended' AND date BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'documents.repealed', count(*) FROM document_changes WHERE kind = 'repealed' AND date BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'documents.declaredInvalid', count(*) FROM document_changes WHERE kind = 'declaredInvalid' AND date BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'documents.comments.received', count(*) FROM document_comments WHERE received_on BETWEEN '2020-01-01' AND '2020-12-31';

-- Decisions (DecisionStatistics)
SELECT 'decisions.major', count(*) FROM decisions WHERE decided_on BETWEEN '2020-01-01' AND '2020-12-31' AND state <> 'withdrawn';
SELECT 'decisions.reportedToParty', count(*) FROM decisions WHERE party_reported_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'decisions.published', count(*) FROM decisions WHERE published_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'decisions.consultations', count(*) FROM decisions WHERE consultation_start BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'decisions.evaluated', count(*) FROM decisions WHERE evaluated_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'decisions.comments.received', coalesce(sum(CAST(json_extract(p.data, '$.commentsReceived') AS INTEGER)), 0)
  FROM decisions d JOIN decision_procedures p ON p.decision_id = d.id AND p.procedure = 'publicParticipation' AND p.status = 'complete'
  WHERE d.consultation_end BETWEEN '2020-01-01' AND '2020-12-31' AND json_extract(p.data, '$.commentsReceived') IS NOT NULL;
SELECT 'decisions.hearings', count(DISTINCT p.decision_id) FROM decision_procedures p
  WHERE p.procedure = 'publicParticipation' AND p.status = 'complete' AND json_extract(p.data, '$.hearingHeld') = 'true'
  AND json_extract(p.data, '$.hearingDate') BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'decisions.reviewed', count(*) FROM reviews WHERE subject_type = 'decision' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'decisions.reviewed.returned', count(*) FROM reviews WHERE subject_type = 'decision' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31'
  AND opinion = 'disagree';

-- Contracts (ContractStatistics)
SELECT 'contracts.reviewed', count(*) FROM reviews WHERE subject_type = 'contract' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'contracts.reviewed.' || t.type, (SELECT count(*) FROM reviews r JOIN contracts c ON c.id = r.subject_id
  WHERE r.subject_type = 'contract' AND r.decided_on BETWEEN '2020-01-01' AND '2020-12-31' AND c.contract_type = t.type)
  FROM (SELECT 'sale' AS type UNION ALL SELECT 'construction' UNION ALL SELECT 'service' UNION ALL SELECT 'lease'
        UNION ALL SELECT 'concession' UNION ALL SELECT 'cooperation' UNION ALL SELECT 'landUseRightGrant'
        UNION ALL SELECT 'loanOrGuarantee' UNION ALL SELECT 'other') t;
SELECT 'contracts.reviewed.returned', count(*) FROM reviews WHERE subject_type = 'contract' AND decided_on BETWEEN '2020-01-01' AND '2020-12-31'
  AND opinion = 'disagree';
SELECT 'contracts.filed', count(*) FROM contracts WHERE filed_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'contracts.signed', count(*) FROM contracts WHERE signed_on BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'contracts.amended', count(*) FROM contract_changes WHERE kind = 'amended' AND date BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'contracts.terminated', count(*) FROM contract_changes WHERE kind = 'terminated' AND date BETWEEN '2020-01-01' AND '2020-12-31';

-- Advisers (AdviserStatistics; the village figures are the coverage on 2020-12-31, VillageCoverage.compute)
SELECT 'advisers.keyProjects', count(DISTINCT project_id) FROM project_participations
  WHERE "from" <= '2020-12-31' AND ("to" IS NULL OR "to" >= '2020-01-01');
SELECT 'advisers.village.total', count(DISTINCT a.adviser_id) FROM adviser_assignments a JOIN regions r ON r.id = a.region_id
  WHERE r.level IN ('village', 'community') AND a."from" <= '2020-12-31' AND (a."to" IS NULL OR a."to" >= '2020-12-31');
SELECT 'advisers.village.' || t.key, (SELECT count(DISTINCT a.adviser_id) FROM adviser_assignments a JOIN regions r ON r.id = a.region_id
  JOIN advisers v ON v.id = a.adviser_id WHERE r.level IN ('village', 'community') AND a."from" <= '2020-12-31'
  AND (a."to" IS NULL OR a."to" >= '2020-12-31') AND v.type = t.type)
  FROM (SELECT 'socialLawyers' AS key, 'socialLawyer' AS type UNION ALL SELECT 'publicLawyers', 'publicLawyer'
        UNION ALL SELECT 'legalWorkers', 'legalWorker' UNION ALL SELECT 'staff', 'staff') t;
SELECT 'advisers.village.villages', count(DISTINCT a.region_id) FROM adviser_assignments a JOIN regions r ON r.id = a.region_id
  WHERE r.level = 'village' AND a."from" <= '2020-12-31' AND (a."to" IS NULL OR a."to" >= '2020-12-31');
SELECT 'advisers.village.communities', count(DISTINCT a.region_id) FROM adviser_assignments a JOIN regions r ON r.id = a.region_id
  WHERE r.level = 'community' AND a."from" <= '2020-12-31' AND (a."to" IS NULL OR a."to" >= '2020-12-31');
SELECT 'advisers.engagements', count(*) FROM adviser_engagements WHERE date BETWEEN '2020-01-01' AND '2020-12-31';
SELECT 'advisers.engagements.' || t.subject, (SELECT count(*) FROM adviser_engagements
  WHERE date BETWEEN '2020-01-01' AND '2020-12-31' AND subject_type = t.subject)
  FROM (SELECT 'decision' AS subject UNION ALL SELECT 'contract' UNION ALL SELECT 'document') t;
SELECT 'advisers.serving', count(*) FROM advisers WHERE term_start <= '2020-12-31' AND (term_end IS NULL OR term_end >= '2020-12-31');
SELECT 'advisers.serving.' || t.type, (SELECT count(*) FROM advisers
  WHERE term_start <= '2020-12-31' AND (term_end IS NULL OR term_end >= '2020-12-31') AND type = t.type)
  FROM (SELECT 'governmentCounsel' AS type UNION ALL SELECT 'publicLawyer' UNION ALL SELECT 'socialLawyer'
        UNION ALL SELECT 'legalWorker' UNION ALL SELECT 'staff') t;
