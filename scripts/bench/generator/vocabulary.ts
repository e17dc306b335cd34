// Words the synthetic workspace is made of: teams, services, alert symptoms, and the sentences and
// commands runbooks are written with. Plain data; the generator picks from it with a seeded PRNG.

export const TEAMS = [
  'payments', 'search', 'platform', 'storage', 'identity', 'messaging', 'data', 'edge',
  'observability', 'mobile', 'billing', 'ml', 'growth', 'logistics',
] as const;

export const SERVICE_HEADS = [
  'checkout', 'ledger', 'catalog', 'inventory', 'session', 'profile', 'gateway', 'router', 'indexer',
  'crawler', 'notifier', 'mailer', 'scheduler', 'billing', 'invoice', 'pricing', 'quota', 'auth',
  'token', 'media', 'thumbnail', 'upload', 'export', 'report', 'feature', 'ranking', 'feed',
  'geo', 'shipping', 'tracking', 'fraud', 'risk', 'audit', 'config', 'secrets', 'registry',
];

export const SERVICE_TAILS = [
  'api', 'worker', 'db', 'cache', 'queue', 'consumer', 'writer', 'reader', 'proxy', 'sync',
  'cron', 'store', 'stream', 'frontend', 'backend', 'relay',
];

export interface Symptom {
  /** CamelCase suffix of the alert name. */
  id: string;
  /** Words for headings: "error rate". */
  title: string;
  /** Threshold in prose, as seed 002 puts it in its headings. */
  threshold: string;
  expr: (job: string) => string;
  for: string;
  severity: 'warning' | 'critical' | 'info';
  summary: string;
}

const rate = (metric: string, job: string, extra = '') => `rate(${metric}{job="${job}"${extra}}[5m])`;

export const SYMPTOMS: Symptom[] = [
  { id: 'HighErrorRate', title: 'error rate', threshold: '5xx rate > 1% for 10min', for: '10m', severity: 'critical', summary: 'returns more than 1% server errors',
    expr: (j) => `sum(${rate('http_requests_total', j, ',code=~"5.."')}) / sum(${rate('http_requests_total', j)}) > 0.01` },
  { id: 'HighLatencyP95', title: 'p95 latency', threshold: 'p95 > 800ms for 15min', for: '15m', severity: 'warning', summary: 'answers slower than 800 ms at the 95th percentile',
    expr: (j) => `histogram_quantile(0.95, sum by (le) (${rate('http_request_duration_seconds_bucket', j)})) > 0.8` },
  { id: 'HighLatencyP99', title: 'p99 latency', threshold: 'p99 > 2s for 10min', for: '10m', severity: 'critical', summary: 'answers slower than 2 s at the 99th percentile',
    expr: (j) => `histogram_quantile(0.99, sum by (le) (${rate('http_request_duration_seconds_bucket', j)})) > 2` },
  { id: 'Down', title: 'down', threshold: 'no target up for 2min', for: '2m', severity: 'critical', summary: 'has no healthy instance',
    expr: (j) => `absent(up{job="${j}"} == 1)` },
  { id: 'PodCrashLooping', title: 'pod crash loop', threshold: 'restarts > 3 in 15min', for: '15m', severity: 'warning', summary: 'has a pod restarting over and over',
    expr: (j) => `increase(kube_pod_container_status_restarts_total{container="${j}"}[15m]) > 3` },
  { id: 'MemoryNearLimit', title: 'memory near limit', threshold: 'working set > 90% of limit for 10min', for: '10m', severity: 'warning', summary: 'uses more than 90% of its memory limit',
    expr: (j) => `max by (pod) (container_memory_working_set_bytes{container="${j}"} / container_spec_memory_limit_bytes{container="${j}"}) > 0.9` },
  { id: 'CpuThrottled', title: 'CPU throttling', threshold: 'throttled > 25% for 15min', for: '15m', severity: 'info', summary: 'is throttled more than a quarter of the time',
    expr: (j) => `sum(increase(container_cpu_cfs_throttled_periods_total{container="${j}"}[5m])) / sum(increase(container_cpu_cfs_periods_total{container="${j}"}[5m])) > 0.25` },
  { id: 'DiskFillingUp', title: 'disk filling up', threshold: 'full within 4h', for: '1h', severity: 'warning', summary: 'will run out of disk within four hours',
    expr: (j) => `predict_linear(node_filesystem_avail_bytes{job="${j}",mountpoint="/data"}[6h], 4 * 3600) < 0` },
  { id: 'QueueBacklogGrowing', title: 'queue backlog', threshold: 'backlog > 10k for 20min', for: '20m', severity: 'warning', summary: 'has more than 10,000 messages waiting',
    expr: (j) => `sum(queue_messages_ready{queue=~"${j}.*"}) > 10000` },
  { id: 'ConsumerLagHigh', title: 'consumer lag', threshold: 'lag > 5min for 10min', for: '10m', severity: 'warning', summary: 'consumes more than five minutes behind',
    expr: (j) => `max(kafka_consumergroup_lag_seconds{consumergroup="${j}"}) > 300` },
  { id: 'ReplicationLagHigh', title: 'replication lag', threshold: 'lag > 30s for 5min', for: '5m', severity: 'critical', summary: 'has replicas more than 30 s behind',
    expr: (j) => `max(pg_replication_lag_seconds{job="${j}"}) > 30` },
  { id: 'ConnectionPoolExhausted', title: 'connection pool', threshold: 'pool > 90% for 5min', for: '5m', severity: 'critical', summary: 'has used up its database connection pool',
    expr: (j) => `max(db_pool_connections_in_use{job="${j}"} / db_pool_connections_max{job="${j}"}) > 0.9` },
  { id: 'CertificateExpiringSoon', title: 'certificate expiry', threshold: 'expires within 14 days', for: '1h', severity: 'warning', summary: 'serves a certificate that expires within 14 days',
    expr: (j) => `min(probe_ssl_earliest_cert_expiry{job="${j}"} - time()) < 14 * 86400` },
  { id: 'JobFailed', title: 'failed job', threshold: 'last run failed', for: '0m', severity: 'warning', summary: 'had its last scheduled run fail',
    expr: (j) => `kube_job_status_failed{job_name=~"${j}-.*"} > 0` },
  { id: 'CacheHitRatioLow', title: 'cache hit ratio', threshold: 'hit ratio < 80% for 30min', for: '30m', severity: 'info', summary: 'hits its cache less than 80% of the time',
    expr: (j) => `sum(${rate('cache_hits_total', j)}) / (sum(${rate('cache_hits_total', j)}) + sum(${rate('cache_misses_total', j)})) < 0.8` },
  { id: 'SloFastBurn', title: 'availability fast burn', threshold: '14.4x burn rate for 5min', for: '5m', severity: 'critical', summary: 'burns its error budget 14 times too fast',
    expr: (j) => `slo:sli_error:ratio_rate5m{slo="${j}"} > (14.4 * 0.001) and slo:sli_error:ratio_rate1h{slo="${j}"} > (14.4 * 0.001)` },
  { id: 'SloSlowBurn', title: 'availability slow burn', threshold: '3x burn rate for 6h', for: '1h', severity: 'warning', summary: 'burns its error budget three times too fast',
    expr: (j) => `slo:sli_error:ratio_rate6h{slo="${j}"} > (3 * 0.001) and slo:sli_error:ratio_rate3d{slo="${j}"} > (3 * 0.001)` },
  { id: 'TooManyRestarts', title: 'restarts', threshold: 'more than 5 restarts per hour', for: '0m', severity: 'info', summary: 'restarted more than five times in an hour',
    expr: (j) => `sum(changes(process_start_time_seconds{job="${j}"}[1h])) > 5` },
  { id: 'HpaMaxedOut', title: 'autoscaler at maximum', threshold: 'at max replicas for 15min', for: '15m', severity: 'warning', summary: 'runs at its autoscaler maximum',
    expr: (j) => `kube_horizontalpodautoscaler_status_current_replicas{horizontalpodautoscaler="${j}"} >= kube_horizontalpodautoscaler_spec_max_replicas{horizontalpodautoscaler="${j}"}` },
  { id: 'DeploymentReplicasMismatch', title: 'replicas mismatch', threshold: 'unavailable replicas for 15min', for: '15m', severity: 'warning', summary: 'has fewer available replicas than desired',
    expr: (j) => `kube_deployment_spec_replicas{deployment="${j}"} != kube_deployment_status_replicas_available{deployment="${j}"}` },
  { id: 'RequestsThrottled', title: 'rate limiting', threshold: '429 rate > 5% for 10min', for: '10m', severity: 'info', summary: 'rejects more than 5% of requests with 429',
    expr: (j) => `sum(${rate('http_requests_total', j, ',code="429"')}) / sum(${rate('http_requests_total', j)}) > 0.05` },
  { id: 'DeadLettersGrowing', title: 'dead letters', threshold: 'any dead letter in 10min', for: '10m', severity: 'warning', summary: 'is putting messages on its dead-letter queue',
    expr: (j) => `increase(queue_dead_lettered_total{queue=~"${j}.*"}[10m]) > 0` },
  { id: 'SlowQueries', title: 'slow queries', threshold: 'mean query > 500ms for 10min', for: '10m', severity: 'warning', summary: 'runs queries slower than 500 ms on average',
    expr: (j) => `avg(rate(pg_stat_statements_total_time_seconds{job="${j}"}[5m]) / rate(pg_stat_statements_calls_total{job="${j}"}[5m])) > 0.5` },
  { id: 'TooManyConnections', title: 'connections', threshold: '> 80% of max_connections for 5min', for: '5m', severity: 'warning', summary: 'holds more than 80% of max_connections',
    expr: (j) => `sum(pg_stat_activity_count{job="${j}"}) / max(pg_settings_max_connections{job="${j}"}) > 0.8` },
  { id: 'EvictionsHigh', title: 'evictions', threshold: '> 100 evictions/s for 10min', for: '10m', severity: 'warning', summary: 'evicts more than 100 keys a second',
    expr: (j) => `sum(${rate('redis_evicted_keys_total', j)}) > 100` },
  { id: 'NoRecentBackup', title: 'backup age', threshold: 'no backup for 26h', for: '30m', severity: 'critical', summary: 'has no successful backup for 26 hours',
    expr: (j) => `time() - max(backup_last_success_timestamp_seconds{job="${j}"}) > 26 * 3600` },
  { id: 'ConfigReloadFailed', title: 'config reload', threshold: 'last reload failed', for: '10m', severity: 'warning', summary: 'failed to reload its configuration',
    expr: (j) => `max(config_last_reload_successful{job="${j}"}) == 0` },
  { id: 'OpenFileDescriptorsHigh', title: 'file descriptors', threshold: '> 80% of the limit for 10min', for: '10m', severity: 'warning', summary: 'uses more than 80% of its file descriptors',
    expr: (j) => `max(process_open_fds{job="${j}"} / process_max_fds{job="${j}"}) > 0.8` },
  { id: 'GcPausesLong', title: 'GC pauses', threshold: 'GC > 10% of time for 15min', for: '15m', severity: 'info', summary: 'spends more than 10% of its time in garbage collection',
    expr: (j) => `sum(rate(jvm_gc_pause_seconds_sum{job="${j}"}[5m])) > 0.1` },
  { id: 'UpstreamTimeouts', title: 'upstream timeouts', threshold: 'timeouts > 2% for 5min', for: '5m', severity: 'warning', summary: 'times out on more than 2% of upstream calls',
    expr: (j) => `sum(${rate('upstream_requests_timeout_total', j)}) / sum(${rate('upstream_requests_total', j)}) > 0.02` },
  { id: 'ProbeFailing', title: 'blackbox probe', threshold: 'probe failing for 3min', for: '3m', severity: 'critical', summary: 'fails its external blackbox probe',
    expr: (j) => `probe_success{job="blackbox",target=~".*${j}.*"} == 0` },
  { id: 'WriteErrors', title: 'write errors', threshold: 'any write error for 5min', for: '5m', severity: 'critical', summary: 'fails to write to its store',
    expr: (j) => `sum(${rate('storage_write_errors_total', j)}) > 0` },
  { id: 'StaleData', title: 'stale data', threshold: 'last update > 1h ago', for: '15m', severity: 'warning', summary: 'serves data whose last update is more than an hour old',
    expr: (j) => `time() - max(last_successful_update_timestamp_seconds{job="${j}"}) > 3600` },
  { id: 'LeaderElectionFlapping', title: 'leader election', threshold: '> 3 leader changes in 15min', for: '0m', severity: 'warning', summary: 'changes leader more than three times in 15 minutes',
    expr: (j) => `sum(changes(leader_election_master_status{job="${j}"}[15m])) > 3` },
  { id: 'NetworkErrors', title: 'network errors', threshold: 'receive errors > 1% for 10min', for: '10m', severity: 'info', summary: 'drops more than 1% of received packets',
    expr: (j) => `sum(rate(node_network_receive_errs_total{job="${j}"}[5m])) / sum(rate(node_network_receive_packets_total{job="${j}"}[5m])) > 0.01` },
  { id: 'TaskQueueStuck', title: 'stuck tasks', threshold: 'oldest task > 30min', for: '10m', severity: 'warning', summary: 'has a task waiting for more than 30 minutes',
    expr: (j) => `max(task_queue_oldest_task_age_seconds{job="${j}"}) > 1800` },
];

/** Added to a symptom when a service has more alerts than there are symptoms. */
export const QUALIFIERS = ['Critical', 'Canary', 'Regional', 'Primary', 'Replica', 'Batch', 'Internal', 'Public'];

export const NAMESPACES = ['production', 'prod-eu', 'prod-us', 'platform', 'monitoring', 'payments-prod', 'search-prod'];

/** Sentences of prose; `{svc}`, `{team}`, `{ns}` are filled in. */
export const PROSE = [
  'This usually shows up first on the {svc} dashboard, a few minutes before customers notice.',
  'The alert fires per cluster; check whether more than one region is affected before going further.',
  'Most of the time the cause is a recent deployment of {svc} or of something it depends on.',
  'If the numbers recovered on their own, note the time window in the incident ticket anyway.',
  'Ask in #{team}-oncall whether anyone is already working on it before you change anything.',
  'The threshold was chosen from the last quarter of traffic; it is deliberately conservative.',
  'Users see slow pages or failed requests while this is firing, depending on the endpoint.',
  'Do not restart everything at once: {svc} needs a few minutes to warm its caches.',
  'The owning team is {team}; page their secondary if the primary does not answer in 15 minutes.',
  'Remember that the {ns} namespace is shared with batch jobs that run every night at 02:00 UTC.',
  'Write down what you observe as you go: it makes the postmortem much easier.',
  'When in doubt, roll back first and investigate afterwards.',
  'Check the error budget burn on the SLO dashboard before deciding how urgent this is.',
  'Recent changes are listed in the deploy log; most regressions start within an hour of a release.',
  'This alert has been noisy in the past; if it flaps, look at the `for:` duration in the rule.',
];

export const CAUSES = [
  'A bad deployment: roll back with `helm rollback {svc} -n {ns}`.',
  'Database connection failures: the pool is exhausted or the primary failed over.',
  'A noisy neighbour on the same node is starving {svc} of CPU.',
  'An upstream dependency times out; check its status page and our circuit breaker metrics.',
  'A traffic spike from a single client; look for one IP or API key dominating the access logs.',
  'Memory pressure causing long garbage collection pauses.',
  'A configuration change that was not rolled out to every replica.',
  'An expired or rotated secret that {svc} did not pick up.',
  'A cron job in {ns} competing for the same resources.',
  'Disk or volume latency on the nodes that host the stateful pods.',
  'A schema migration still running and holding locks.',
  'DNS resolution failures inside the cluster.',
];

export const FIXES = [
  'Roll back the last release if the problem started right after it.',
  'Scale out {svc} by two replicas and watch the error rate for ten minutes.',
  'Restart the stuck pods one at a time, never all at once.',
  'Fail over to the standby region if the primary does not recover within 20 minutes.',
  'Raise the connection pool size only after checking the database can take it.',
  'Block the abusive client at the gateway and open a ticket for the owning team.',
  'Clear the poisoned cache keys and let them repopulate.',
  'Re-run the failed job by hand once the root cause is fixed.',
];

/** Inline commands (Markdown code spans that start with a known tool). */
export const INLINE_COMMANDS = [
  'kubectl -n {ns} get pods -l app={svc}',
  'kubectl -n {ns} logs deploy/{svc} --tail=200',
  'kubectl -n {ns} describe pod -l app={svc}',
  'kubectl -n {ns} top pods -l app={svc}',
  'kubectl -n {ns} rollout history deployment/{svc}',
  'kubectl -n {ns} get events --sort-by=.lastTimestamp',
  'helm history {svc} -n {ns}',
  'redis-cli -h {svc}-cache INFO memory',
  'curl -s http://{svc}.{ns}.svc:8080/healthz',
  'psql -h {svc}-db -c "SELECT count(*) FROM pg_stat_activity;"',
  'kubectl -n {ns} get hpa {svc}',
];

/** Fenced shell blocks, with placeholders (`<pod-name>`, `${NAMESPACE}`, `$REGION`). */
export const BASH_BLOCKS = [
  ['# Pods and their restarts', 'kubectl -n ${NAMESPACE} get pods -l app={svc} -o wide', 'kubectl -n ${NAMESPACE} describe pod <pod-name> | grep -A5 "Last State"'],
  ['# Recent logs of one pod', 'kubectl -n {ns} logs <pod-name> -c {svc} --since=30m | grep -i error | tail -50'],
  ['# What changed recently', 'kubectl -n {ns} rollout history deployment/{svc}', 'helm history {svc} -n {ns} --max 5'],
  ['# Scale out while investigating', 'kubectl -n {ns} scale deployment/{svc} --replicas=<replicas>'],
  ['# Database sessions', 'psql -h {svc}-db -U $DB_USER -c "SELECT state, count(*) FROM pg_stat_activity GROUP BY 1;"'],
  ['# Roll back the last release', 'helm rollback {svc} <revision> -n {ns}', 'kubectl -n {ns} rollout status deployment/{svc} --timeout=5m'],
  ['# Cache health', 'redis-cli -h {svc}-cache -a "$REDIS_PASSWORD" INFO stats | grep -E "evicted|hits|misses"'],
  ['# Port-forward to the metrics endpoint', 'kubectl -n {ns} port-forward svc/{svc} 9090:9090 &', 'curl -s localhost:9090/metrics | grep -E "^http_requests_total" | head'],
  ['export REGION=${REGION:-eu-west-1}', 'aws cloudwatch get-metric-statistics --region "$REGION" --namespace AWS/RDS --metric-name CPUUtilization --dimensions Name=DBInstanceIdentifier,Value={svc}-db --start-time "$(date -u -d -1hour +%FT%TZ)" --end-time "$(date -u +%FT%TZ)" --period 300 --statistics Average'],
];

export const STEP_TITLES = [
  'Check the dashboard', 'Check current metrics', 'Check pod status', 'Check recent deployments',
  'Check the logs', 'Check dependencies', 'Check resource usage', 'Check the database', 'Check the cache',
  'Check the queue', 'Check the load balancer', 'Check DNS',
];

export const WIKI = 'https://wiki.example.com/display/OPS';
export const GRAFANA = 'https://grafana.example.com/d';
