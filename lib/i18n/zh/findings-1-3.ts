// Chinese for the messages of the checks of steps 1-3 (keys: the English templates as built with msg`…`).
import { CATALOGUE } from '@/lib/model/catalogue';
import { IP_LOOKUP_ORDER } from '@/lib/sources/kube/ip-lookups';

export const ZH_FINDINGS_1_3: Record<string, string> = {
  // Pieces shared by several titles (lib/checks/step-1-health.ts and others)
  ': {0}': '：{0}',
  ', {0}': '，{0}',
  ' ({0})': '（{0}）',
  '{0}: {1}': '{0}：{1}',
  ' {0} ago': '，{0} 前',
  ' and {0} more': '，另有 {0} 个',
  ' (and {0})': '（另有 {0}）',

  // How a container last exited (describeExit, exitRemedy)
  'an application error': '应用程序错误',
  'a misused command or bad arguments': '命令用法错误或参数有误',
  'a command that is not executable': '命令不可执行',
  'a command that was not found': '找不到命令',
  'SIGKILL: out of memory, or killed from outside': 'SIGKILL：内存不足，或被外部终止',
  'a segmentation fault': '段错误',
  'SIGTERM: asked to stop': 'SIGTERM：被要求停止',
  'OOMKilled (exit {0})': 'OOMKilled（退出码 {0}）',
  'an unknown exit': '未知原因的退出',
  'exit code {0} ({1})': '退出码 {0}（{1}）',
  'exit code {0}': '退出码 {0}',
  "The container's command is missing or not executable: check the image tag and the pod's command and args.":
    '容器的命令不存在或不可执行：请检查镜像标签以及 Pod 的 command 和 args。',
  'The application exits on its own: read its last logs (`kubectl logs --previous`) for the error, often a missing setting or dependency.':
    '应用程序自行退出：请在其上一次的日志（`kubectl logs --previous`）中查找错误，常见原因是缺少配置或依赖。',
  // Another code's advice given by POD_CRASH_LOOP and POD_NOT_READY after an OOM kill.
  [CATALOGUE.POD_OOM_KILLED.fix]: '调高内存限制，或修复内存泄漏。',

  // Step 1 — nodes
  'node {0} is NotReady (Ready={1} for {2}){3}':
    '节点 {0} 处于 NotReady（Ready={1} 已持续 {2}）{3}',
  missing: '缺失',
  'node {0}: container runtime unhealthy — {1}': '节点 {0}：容器运行时不健康——{1}',
  'node {0} reports {1}{2}': '节点 {0} 报告 {1}{2}',
  'node {0} reports NetworkUnavailable{1}': '节点 {0} 报告 NetworkUnavailable{1}',
  'node {0} is cordoned (unschedulable)': '节点 {0} 已被 cordon（不可调度）',
  'node {0} has no Lease: its kubelet is not heartbeating':
    '节点 {0} 没有 Lease：其 kubelet 没有发送心跳',
  'node {0} last renewed its Lease {1} ago': '节点 {0} 上次续约 Lease 是在 {1} 前',
  'checked {0} of {1} nodes of the path; the others were not examined':
    '已检查路径上 {1} 个节点中的 {0} 个；其余节点未检查',
  'heartbeats (node Leases) read for {0} of {1} nodes of the path; the others were judged by their conditions only':
    '已读取路径上 {1} 个节点中 {0} 个的心跳（节点 Lease）；其余节点仅按其状态条件判断',
  'node {0} does not exist': '节点 {0} 不存在',

  // Step 1 — backend pods
  'checked {0} of {1} pods selected by the Service': '已检查 Service 选中的 {1} 个 Pod 中的 {0} 个',
  'checked the first {0} pods selected by the Service; more exist':
    '已检查 Service 选中的前 {0} 个 Pod；还有更多 Pod',
  'pod {0} cannot be scheduled: {1}': 'Pod {0} 无法调度：{1}',
  'no reason given': '未给出原因',
  'pod {0} has been Terminating for {1}': 'Pod {0} 已处于 Terminating 状态 {1}',
  'pod {0}: container {1} keeps exiting — last {2}{3} (CrashLoopBackOff, {4} restarts)':
    'Pod {0}：容器 {1} 反复退出——最近一次为 {2}{3}（CrashLoopBackOff，已重启 {4} 次）',
  'pod {0}: container {1} is in CrashLoopBackOff ({2} restarts)':
    'Pod {0}：容器 {1} 处于 CrashLoopBackOff（已重启 {2} 次）',
  'pod {0}: container {1} cannot pull its image ({2})': 'Pod {0}：容器 {1} 无法拉取镜像（{2}）',
  'pod {0}: container {1} cannot be created ({2}){3}': 'Pod {0}：容器 {1} 无法创建（{2}）{3}',
  ' (last: {0} {1}, {2} ago)': '（最近一次：{0} {1}，{2} 前）',
  exit: '退出',
  'pod {0}: container {1} restarted {2} times, ~{3}/h{4}':
    'Pod {0}：容器 {1} 已重启 {2} 次，约 {3} 次/小时{4}',
  'pod {0}: container {1} was OOMKilled {2} ago': 'Pod {0}：容器 {1} 在 {2} 前被 OOMKilled',
  'pod {0} runs on node {1}, which is NotReady': 'Pod {0} 运行在处于 NotReady 的节点 {1} 上',
  ': container {0} exited, {1}': '：容器 {0} 已退出，{1}',
  ': container {0} last exited, {1}{2}': '：容器 {0} 上一次退出，{1}{2}',
  'pod {0} is not ready ({1}{2}){3}': 'Pod {0} 未就绪（{1}{2}）{3}',
  'pod {0}: probe failing ×{1} — {2}': 'Pod {0}：探针失败 ×{1}——{2}',
  'pod {0}: {1} ×{2} — {3}{4}': 'Pod {0}：{1} ×{2}——{3}{4}',
  'pod {0} was evicted{1}{2}{3}': 'Pod {0} 已被驱逐{1}{2}{3}',
  ' from node {0}': '出节点 {0}',
  ' — the node reports {0}': '——该节点报告 {0}',

  // Step 1 — endpoint addresses and their holders
  'pod IP {0} is held by {1} live pods: {2}{3}': 'Pod IP {0} 被 {1} 个存活的 Pod 持有：{2}{3}',
  '{0}/{1} on {2}': '{0}/{1}（位于 {2}）',
  'Traffic for {0} is split between {1} sandboxes; {2} should not hold it. Delete the stale pod or clean its leaked sandbox on the node.':
    '发往 {0} 的流量被分到 {1} 个沙箱；{2} 不应持有该 IP。请删除陈旧的 Pod，或在节点上清理其泄漏的沙箱。',
  'endpoint {0}{1} belongs to no current pod': '端点 {0}{1} 不属于任何现有 Pod',
  'endpoint {0} names pod {1}, but {2}/{3} holds that IP':
    '端点 {0} 指向 Pod {1}，但持有该 IP 的是 {2}/{3}',
  'examined {0} of {1} endpoint addresses for duplicate or leaked holders':
    '已检查 {1} 个端点地址中的 {0} 个，查找重复或泄漏的持有者',
  'chosen: {0}': '选取方式：{0}',
  [IP_LOOKUP_ORDER]:
    '先查端点所指的选中 Pod 并未持有的地址，再查未就绪、正在重启或最新的 Pod 的地址（被复用的地址多是新近分配的）；已就绪、从未重启且持有其端点所指地址的 Pod 的地址不查，这样健康的 Service 不会让 API server 做全集群扫描',
  'not looked up: {0}{1}': '未查询：{0}{1}',

  // Step 1 — the client pod
  'client pod {0}/{1} does not exist': '客户端 Pod {0}/{1} 不存在',
  'client pod {0}/{1} is {2}{3}': '客户端 Pod {0}/{1} 处于 {2}{3}',
  ', not ready': '，未就绪',

  // Step 1 — saturation (lib/checks/step-1-saturation.ts)
  '{0} {1} (threshold {2})': '{0} {1}（阈值 {2}）',
  '{0} peaked at {1} (threshold {2})': '{0}峰值达 {1}（阈值 {2}）',
  'node {0}: {1}': '节点 {0}：{1}',
  'pod {0}: {1}': 'Pod {0}：{1}',
  'value {0} for {1}': '{1} 的值为 {0}',
  'max {0} for {1}': '{1} 的最大值为 {0}',
  'is node-exporter scraped (with instance = node name or IP)?':
    'node-exporter 是否被抓取（且 instance 为节点名称或 IP）？',
  "is the kubelet's cAdvisor endpoint scraped?": 'kubelet 的 cAdvisor 端点是否被抓取？',
  'CPU busy': 'CPU 繁忙度',
  'memory used': '内存使用率',
  'CPU pressure': 'CPU 压力',
  'conntrack table': 'conntrack 表使用率',
  'receive errors + drops/s': '接收错误 + 丢包/秒',
  'TCP listen overflows/s': 'TCP 监听队列溢出/秒',
  'CPU throttled': 'CPU 被限流比例',
  'memory working set / limit': '内存工作集 / 限制',
  'restarts in the window:': '窗口内重启次数',
  'node {0}: cAdvisor still reports containers of {1} the API no longer has ({2}) — leaked sandboxes keep their IPs':
    '节点 {0}：cAdvisor 仍在报告 API 中已不存在的 {1} 的容器（{2}）——泄漏的沙箱会一直占用其 IP',
  '{0} pod': '{0} 个 Pod',
  '{0} pods': '{0} 个 Pod',
  'pods without an API object: {0}': '没有 API 对象的 Pod：{0}',

  // Metric coverage (lib/checks/metric-coverage.ts)
  'nearest: {0}': '最接近的：{0}',
  'no series': '没有序列',
  '; series that exist: {0}': '；现有序列：{0}',
  '; {0} has no series at all': '；{0} 完全没有序列',
  'tried {0}': '已尝试 {0}',
  'no series for {0}': '{0} 没有序列',
  'query {0} returned no series in the window': '查询 {0} 在窗口内没有返回序列',
  '{0}{1}: {2}': '{0}{1}：{2}',
  'metric part of the {0} unknown: {1}': '{0} 的指标部分未知：{1}',
  'no sample of {0} since {1}: the metric part of {2} is unknown (is its exporter still scraped?)':
    '自 {1} 起没有 {0} 的样本：{2} 的指标部分未知（其 exporter 是否仍被抓取？）',
  'newest sample at {0}': '最新样本时间 {0}',

  // Step 2 — golden metrics (lib/checks/step-2-golden.ts)
  'an hour': '一小时',
  'a day': '一天',
  ' and {0} more selectors (listed below)': ' 及另外 {0} 个选择器（见下方列表）',
  'series that exist: {0}': '现有序列：{0}',
  'none of these metrics has series': '这些指标都没有序列',
  'no request metrics for {0}/{1} in the window: tried {2}{3}; {4} — is the app, mesh or ingress controller scraped, and with which labels?':
    '窗口内没有 {0}/{1} 的请求指标：已尝试 {2}{3}；{4}——应用、服务网格或 ingress 控制器是否被抓取？带的是哪些标签？',
  'no selector (no backend pods)': '无选择器（没有后端 Pod）',
  '{0} still gets {1} for this backend but the backend answered only {2} of it ({3} {4} earlier): the rest {5} answered itself, so the backend’s own health cannot be read from these series':
    '{0} 仍在收到发往该后端的 {1} 请求，但后端只应答了其中的 {2}（{4}前为 {3}）：其余由 {5} 自行应答，因此无法从这些序列判断后端自身的健康状况',
  'the source still gets {0} for this backend but the backend answered only {1} of it ({2} {3} earlier): the rest it answered itself, so the backend’s own health cannot be read from these series':
    '来源仍在收到发往该后端的 {0} 请求，但后端只应答了其中的 {1}（{3}前为 {2}）：其余由来源自行应答，因此无法从这些序列判断后端自身的健康状况',
  'last 5 points mean {0}': '最近 5 个点的均值 {0}',
  'answered by the backend: {0}': '后端应答：{0}',
  'completed requests dropped to {0} (window mean {1}) from {2} {3} earlier — the backend answers (almost) nothing':
    '完成的请求降至 {0}（窗口均值 {1}），{3}前为 {2}——后端（几乎）不再应答',
  'no requests in the window': '窗口内没有请求',
  'mean {0}': '均值 {0}',
  'fail above {0}': '高于 {0} 判为失败',
  'warn above {0}': '高于 {0} 告警',
  'backend error ratio peaked at {0} (baseline {1}; {2})': '后端错误率峰值达 {0}（基线 {1}；{2}）',
  'max {0}': '最大 {0}',
  'backend p99 latency reached {0}, {1}× its baseline of {2}':
    '后端 p99 延迟达到 {0}，是其基线 {2} 的 {1} 倍',
  'max {0} vs baseline mean {1}': '最大 {0}，基线均值 {1}',
  'requests stopped completing': '请求不再完成',
  'requests fail': '请求失败',
  'requests slow down': '请求变慢',
  'requests stall': '请求停滞',
  'pod {0} is Ready but its container {1} has written nothing for {2} (usually every {3}s) while {4}: its stdout may be blocked':
    'Pod {0} 已就绪，但其容器 {1} 已有 {2} 没有写出任何内容（通常每 {3}s 一次），同时{4}：其 stdout 可能被阻塞',

  // Step 3 — DNS objects (lib/checks/step-3-dns.ts)
  'ConfigMap kube-system/coredns has no Corefile': 'ConfigMap kube-system/coredns 中没有 Corefile',
  'the Corefile has no kubernetes plugin for cluster.local: Service names do not resolve':
    'Corefile 中没有针对 cluster.local 的 kubernetes 插件：Service 名称无法解析',
  'the Corefile forwards to a loopback address ("{0}"): queries loop back into CoreDNS':
    'Corefile 转发到回环地址（“{0}”）：查询会循环回到 CoreDNS',
  'there is no kube-system/kube-dns Service: no cluster name resolves':
    '不存在 kube-system/kube-dns Service：所有集群内名称都无法解析',
  'cluster DNS (kube-system/kube-dns) has no ready endpoints (0 of {0}): every lookup times out':
    '集群 DNS（kube-system/kube-dns）没有就绪端点（{0} 个中 0 个就绪）：所有查询都会超时',
  'CoreDNS pod {0} is not ready ({1}{2})': 'CoreDNS Pod {0} 未就绪（{1}{2}）',
  ', {0} restarts': '，已重启 {0} 次',
  "client {0} uses hostNetwork with dnsPolicy ClusterFirst: it resolves with the node's resolver, not cluster DNS":
    '客户端 {0} 使用 hostNetwork 且 dnsPolicy 为 ClusterFirst：它使用节点的解析器，而不是集群 DNS',
  'client {0} does not use cluster DNS (dnsPolicy {1}{2})':
    '客户端 {0} 未使用集群 DNS（dnsPolicy {1}{2}）',
  ', nameservers {0}': '，nameservers {0}',
  'client {0} sets ndots:{1}: outside names cost several extra lookups':
    '客户端 {0} 设置了 ndots:{1}：解析外部名称会多出若干次查询',
  '{0} was not resolved here; the load balancer publishes {1}':
    '此处未解析 {0}；负载均衡器发布的地址为 {1}',
  'Ingress {0}/{1} publishes no load balancer address for {2}':
    'Ingress {0}/{1} 没有为 {2} 发布负载均衡器地址',
  'its host': '其主机名',
  '{0} was not resolved here; the Gateway publishes {1}':
    '此处未解析 {0}；Gateway 发布的地址为 {1}',
  'Gateway {0} publishes no address for {1}': 'Gateway {0} 没有为 {1} 发布地址',

  // Step 3 — the client's egress to cluster DNS (lib/checks/step-3-dns-egress.ts)
  'all CoreDNS pods': '所有 CoreDNS Pod',
  '{0} of {1} CoreDNS pods': '{1} 个 CoreDNS Pod 中的 {0} 个',
  'both UDP and TCP 53 blocked': 'UDP 和 TCP 53 均被阻断',
  'UDP 53 blocked (TCP allowed, but resolvers ask over UDP)':
    'UDP 53 被阻断（TCP 已放行，但解析器通过 UDP 查询）',
  'UDP 53 blocked': 'UDP 53 被阻断',
  'UDP or TCP': 'UDP 或 TCP',
  'NetworkPolicy egress drops DNS from client {0} to {1}: {2} — lookups time out (no rule of {3} admits it)':
    'NetworkPolicy 出站规则丢弃了客户端 {0} 的 DNS 查询（目标：{1}）：{2}——查询超时（{3} 中没有放行它的规则）',
  'The client is isolated for egress by {0}, and no egress rule admits the CoreDNS pods ({1}, {2}) on {3} 53.{4} Allow DNS on both protocols; the existing policies stay:':
    '客户端的出站流量被 {0} 隔离，且没有出站规则放行到 CoreDNS Pod（{1}，{2}）的 {3} 53 端口。{4} 请在两种协议上放行 DNS；现有策略保持不变：',
  'NetworkPolicy egress admits DNS over UDP but drops TCP 53 from client {0} to {1}: answers too large for UDP fail (no rule of {2} admits TCP)':
    'NetworkPolicy 出站规则放行了 UDP 上的 DNS，但丢弃了客户端 {0} 的 TCP 53 流量（目标：{1}）：UDP 装不下的大应答会失败（{2} 中没有放行 TCP 的规则）',
  'Truncated answers (large records, many A/AAAA records, DNSSEC) are retried over TCP, which {0} drops.{1} Allow TCP 53 as well; the existing policies stay:':
    '被截断的应答（大型记录、大量 A/AAAA 记录、DNSSEC）会改用 TCP 重试，而 {0} 会丢弃这些流量。{1} 请同时放行 TCP 53；现有策略保持不变：',
  'egress from client {0} to cluster DNS could not be judged: {1}':
    '无法判断从客户端 {0} 到集群 DNS 的出站流量：{1}',

  // Step 3 — CoreDNS metrics (lib/checks/step-3-dns-metrics.ts)
  "is CoreDNS's metrics port (9153) scraped?": 'CoreDNS 的指标端口（9153）是否被抓取？',
  '{0} answers peaked at {1} of CoreDNS responses': '{0} 应答在 CoreDNS 响应中的占比峰值达 {1}',
  'NXDOMAIN answers peaked at {0} of CoreDNS responses':
    'NXDOMAIN 应答在 CoreDNS 响应中的占比峰值达 {0}',
  'CoreDNS p99 latency peaked at {0}': 'CoreDNS p99 延迟峰值达 {0}',
  'CoreDNS panicked {0} times in the window': 'CoreDNS 在窗口内发生 {0} 次 panic',
  '{0} panics': '{0} 次 panic',
  'CoreDNS upstream health checks failed {0} times in the window':
    'CoreDNS 上游健康检查在窗口内失败 {0} 次',
  '{0} failures': '{0} 次失败',
};
