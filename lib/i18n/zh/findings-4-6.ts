// Chinese for the messages of the checks of steps 4-6 (keys: the English templates as built with msg`…`).
export const ZH_FINDINGS_4_6: Record<string, string> = {
  " {0} admits the Service IP {1} by ipBlock, but after kube-proxy's DNAT the policy sees the pod IPs, so that rule does not apply.":
    '{0} 通过 ipBlock 放行了 Service IP {1}，但经过 kube-proxy 的 DNAT 之后，策略看到的是 Pod IP，因此该规则不起作用。',
  'the client uses hostNetwork: whether NetworkPolicy applies is up to the network plugin':
    '客户端使用 hostNetwork：NetworkPolicy 是否生效取决于网络插件',
  'the labels of namespace {0} or the address of pod {1} were not read':
    '未能读取命名空间 {0} 的标签或 Pod {1} 的地址',
  'no Prometheus is configured for this cluster (HOPSCOPE_PROMETHEUS_URL): golden metrics were not gathered':
    '此集群未配置 Prometheus（HOPSCOPE_PROMETHEUS_URL）：未采集黄金指标',
  'waiting for Prometheus…': '正在等待 Prometheus…',
  'not on this path: a NodePort client reaches the node address without cluster DNS':
    '不在此路径上：NodePort 客户端直接访问节点地址，不经过集群 DNS',
  'not on this path: only the Ingress and Gateway paths go through an ingress controller or a Gateway':
    '不在此路径上：只有 Ingress 和 Gateway 路径才会经过 Ingress 控制器或 Gateway',
  'no active probes were run: the path trace is run on request (trace=1), from a vantage point the server has enabled':
    '未进行主动探测：路径追踪仅在请求时运行（trace=1），并且要从服务器已启用的探测点发起',
  'no backend Service is reached on this path: nothing to measure':
    '此路径未到达任何后端 Service：没有可测量的对象',
  'the backend Service is unknown (could not {0})': '后端 Service 状态未知（无法 {0}）',
  'the Service selects no pod: there is no backend whose requests could be measured':
    '该 Service 未选中任何 Pod：没有可测量其请求的后端',
  'NetworkPolicy egress drops client {0} → all backend pods of {1}/{2} on {3} {4} (no rule of {5} admits it)':
    'NetworkPolicy egress 丢弃了客户端 {0} 发往 {1}/{2} 全部后端 Pod 的 {3} {4} 流量（{5} 中没有规则放行）',
  'NetworkPolicy egress drops client {0} → {1} of {2} backend pods of {3}/{4} on {5} {6} (no rule of {7} admits it)':
    'NetworkPolicy egress 丢弃了客户端 {0} 发往 {3}/{4} 的 {2} 个后端 Pod 中 {1} 个的 {5} {6} 流量（{7} 中没有规则放行）',
  'The client is isolated for egress by {0}, and no egress rule admits pods of {1} labelled like the Service selector on {2} {3} (the backend pod port after DNAT, not the Service port {4}).{5} Add a policy that allows it; the existing ones stay:':
    '客户端的 egress 被 {0} 隔离，且没有 egress 规则放行 {1} 中带有与 Service selector 相同标签的 Pod 的 {2} {3}（即 DNAT 之后的后端 Pod 端口，而不是 Service 端口 {4}）。{5}请添加一条放行该流量的策略，现有策略保持不变：',
  'egress from client {0} to the backend pods could not be judged: {1}':
    '无法判断客户端 {0} 到后端 Pod 的 egress：{1}',
  'kube-proxy on {0} last synced its rules {1} min ago: new endpoints are not programmed there':
    '{0} 上的 kube-proxy 上次同步规则是在 {1} 分钟前：新的端点未在该节点上生效',
  'kube-proxy on {0}: rule sync p99 {1}': '{0} 上的 kube-proxy：规则同步 p99 为 {1}',
  'kube-proxy on {0}: network programming latency p99 {1}':
    '{0} 上的 kube-proxy：网络编程延迟 p99 为 {1}',
  'kube-proxy on {0}: {1} iptables-restore failures in the window':
    '{0} 上的 kube-proxy：时间窗口内 iptables-restore 失败 {1} 次',
  'kube-proxy on {0}: {1} packets for Local-policy Services without a local endpoint in the window':
    '{0} 上的 kube-proxy：时间窗口内有 {1} 个数据包发往本地没有端点的 Local 策略 Service',
  'no kube-proxy in this cluster: Service routing is done by a replacement (e.g. Cilium), which Hopscope does not inspect':
    '此集群中没有 kube-proxy：Service 路由由替代组件（如 Cilium）完成，Hopscope 不检查该组件',
  'kube-proxy checked on {0} of {1} nodes of the path: those traffic enters or leaves by, then those of pods in trouble':
    '仅检查了路径上 {1} 个节点中 {0} 个节点的 kube-proxy：先检查流量进出的节点，再检查有问题的 Pod 所在的节点',
  'no kube-proxy pod runs on node {0}: Service rules there are missing or stale':
    '节点 {0} 上没有运行 kube-proxy Pod：该节点上的 Service 规则缺失或已过时',
  'kube-proxy {0} on node {1} is not ready ({2})': '节点 {1} 上的 kube-proxy {0} 未就绪（{2}）',
  'Service {0}/{1} is of type {2}: it opens no {3}': 'Service {0}/{1} 的类型为 {2}：它不开放{3}',
  'node port': '节点端口',
  'cluster VIP': '集群 VIP',
  'Service {0}/{1} has no port {2} (it has {3})': 'Service {0}/{1} 没有端口 {2}（现有端口：{3}）',
  none: '无',
  'Service {0}/{1} has no selector: its endpoints are managed by hand':
    'Service {0}/{1} 没有 selector：其端点由人工管理',
  ' — {0}': '——{0}',
  '{0} has {1}={2}': '{0} 的标签为 {1}={2}',
  '(none)': '（无）',
  'Service {0}/{1} selector {2} matches no pod{3}':
    'Service {0}/{1} 的 selector {2} 未匹配任何 Pod{3}',
  'Pods almost match: label {0} is "{1}" where the Service wants "{2}". Fix whichever side is wrong.':
    '有 Pod 几乎匹配：标签 {0} 的值为“{1}”，而 Service 要求的是“{2}”。请修正出错的一方。',
  '(absent)': '（不存在）',
  '{0} of {1} ready endpoints of {2}/{3} are on node {4}, which is not Ready: traffic still goes there':
    '{2}/{3} 的 {1} 个就绪端点中有 {0} 个位于节点 {4} 上，而该节点未就绪：流量仍会发往那里',
  '{0} of {1} ready endpoints of {2}/{3} are on nodes {4}, which are not Ready: traffic still goes there':
    '{2}/{3} 的 {1} 个就绪端点中有 {0} 个位于节点 {4} 上，而这些节点未就绪：流量仍会发往那里',
  'Service port {0}: no selected pod declares a container port named "{1}" ({2} of {3} lack it)':
    'Service 端口 {0}：被选中的 Pod 都没有声明名为“{1}”的容器端口（{3} 个中有 {2} 个缺少）',
  'pod {0} declares no container port named "{1}" (Service port {2})':
    'Pod {0} 没有声明名为“{1}”的容器端口（Service 端口 {2}）',
  'Service port {0}: no selected pod declares container port {1}':
    'Service 端口 {0}：被选中的 Pod 都没有声明容器端口 {1}',
  'Service port {0} targets a {1} container port in pod {2}':
    'Service 端口 {0} 指向 Pod {2} 中的 {1} 容器端口',
  'Service {0}/{1} selects {2} pods but has no EndpointSlices':
    'Service {0}/{1} 选中了 {2} 个 Pod，但没有 EndpointSlice',
  ', {0} terminating': '，{0} 个正在终止',
  ' — on {0}': '——位于 {0}',
  " — {0} endpoint published without the path's port": '——{0} 个端点发布时未带该路径的端口',
  " — {0} endpoints published without the path's port": '——{0} 个端点发布时未带该路径的端口',
  'Service {0}/{1} has no ready endpoints (0 of {2}{3}){4}{5}':
    'Service {0}/{1} 没有就绪端点（0/{2}{3}）{4}{5}',
  'Service {0}/{1}: {2} of {3} endpoints ready': 'Service {0}/{1}：{3} 个端点中 {2} 个就绪',
  'Service {0}/{1} publishes not-ready addresses: {2} not-ready pods still get traffic':
    'Service {0}/{1} 发布了未就绪地址：{2} 个未就绪的 Pod 仍在接收流量',
  'externalTrafficPolicy Local: node {0} has no ready endpoint of {1}/{2}, so traffic to {3}{4} is dropped (ready endpoints on {5})':
    'externalTrafficPolicy Local：节点 {0} 上没有 {1}/{2} 的就绪端点，因此发往 {3}{4} 的流量被丢弃（就绪端点位于 {5}）',
  'no node': '无节点',
  "internalTrafficPolicy Local: the client's node {0} has no ready endpoint of {1}/{2}":
    'internalTrafficPolicy Local：客户端所在节点 {0} 上没有 {1}/{2} 的就绪端点',
  'client {0}/{1}': '客户端 {0}/{1}',
  'external clients': '外部客户端',
  'ingress controller {0}/{1}': 'Ingress 控制器 {0}/{1}',
  'NetworkPolicy {0} drops {1} → all backend pods on port {2}':
    'NetworkPolicy {0} 丢弃了 {1} → 全部后端 Pod（端口 {2}）的流量',
  'NetworkPolicy {0} drops {1} → {2} of {3} backend pods on port {4}':
    'NetworkPolicy {0} 丢弃了 {1} → {3} 个后端 Pod 中 {2} 个（端口 {4}）的流量',
  'Service {0}/{1} does not exist': 'Service {0}/{1} 不存在',
  'no Prometheus is configured for this cluster': '此集群未配置 Prometheus',
  'Hopscope has no metrics profile for {0}': 'Hopscope 没有 {0} 的指标 profile',
  'the requests, errors and latency of the Gateway were not read: {0}':
    '未读取 Gateway 的请求数、错误和延迟：{0}',
  "5xx answers for {0} peaked at {1} of the Gateway's upstream requests ({2})":
    '{0} 的 5xx 响应峰值占 Gateway 上游请求的 {1}（{2}）',
  "upstream p99 for {0} at the Gateway reached {1}, {2}× yesterday's {3}: the backend is slow, not the Gateway":
    'Gateway 上 {0} 的上游 p99 达到 {1}，是昨天 {3} 的 {2} 倍：慢的是后端，而不是 Gateway',
  'the Gateway failed to connect to the backend up to {0} times a second ({1})':
    'Gateway 连接后端失败，最高达每秒 {0} 次（{1}）',
  'the status of {0} was written for generation {1}, the object is at generation {2}: its controller has not processed the latest edit':
    '{0} 的 status 是为 generation {1} 写入的，而对象已处于 generation {2}：其控制器尚未处理最近的修改',
  '{0} {1}/{2} names Gateway {3}/{4}, which does not exist':
    '{0} {1}/{2} 引用的 Gateway {3}/{4} 不存在',
  'Gateway {0}/{1} names GatewayClass "{2}", which does not exist: no controller programs it':
    'Gateway {0}/{1} 引用的 GatewayClass“{2}”不存在：没有控制器为其下发配置',
  'GatewayClass {0} (controller {1}) is not accepted: {2}':
    'GatewayClass {0}（控制器 {1}）未被接受：{2}',
  'GatewayClass {0} (controller {1}) is not accepted: no Accepted condition: no controller has claimed it':
    'GatewayClass {0}（控制器 {1}）未被接受：没有 Accepted 条件，尚无控制器认领它',
  'Gateway {0}/{1} is not accepted by its controller: {2}': 'Gateway {0}/{1} 未被其控制器接受：{2}',
  'Gateway {0}/{1} is not programmed: {2}': 'Gateway {0}/{1} 未处于 Programmed 状态：{2}',
  'Gateway {0}/{1} has no Programmed condition: no controller has programmed it':
    'Gateway {0}/{1} 没有 Programmed 条件：尚无控制器为其下发配置',
  'no listener of Gateway {0}/{1}{2} admits {3} ({4})':
    'Gateway {0}/{1} 没有{2}监听器接纳 {3}（{4}）',
  ' named {0}': '名为 {0} 的',
  'any host': '任意主机',
  'listener {0} ({1} {2}{3}) of Gateway {4}/{5}: {6}':
    'Gateway {4}/{5} 的监听器 {0}（{1} {2}{3}）：{6}',
  'no data-plane pod of Gateway {0}/{1} found ({2}): nothing serves its listeners':
    '未找到 Gateway {0}/{1} 的数据面 Pod（{2}）：没有任何组件为其监听器提供服务',
  'no Service or pod labelled {0}': '没有带标签 {0} 的 Service 或 Pod',
  'data-plane pod {0} of Gateway {1}/{2} is not ready ({3})':
    'Gateway {1}/{2} 的数据面 Pod {0} 未就绪（{3}）',
  '{0} {1}/{2} names no Gateway (spec.parentRefs is empty): no Gateway serves it':
    '{0} {1}/{2} 未引用任何 Gateway（spec.parentRefs 为空）：没有 Gateway 为其提供服务',
  '{0} {1}/{2} is attached to nothing: no controller has written status.parents for {3}':
    '{0} {1}/{2} 未挂载到任何 Gateway：没有控制器为 {3} 写入 status.parents',
  'Gateway {0} does not accept {1} {2}/{3}: {4}': 'Gateway {0} 不接受 {1} {2}/{3}：{4}',
  '{0} {1}/{2} has a reference its controller cannot resolve in another rule than the one for this path: {3}':
    '{0} {1}/{2} 在本路径所用规则之外的另一条规则中有其控制器无法解析的引用：{3}',
  '{0} {1}/{2} has references its controller cannot resolve: {3}':
    '{0} {1}/{2} 有其控制器无法解析的引用：{3}',
  'some rules of {0} {1}/{2} were dropped by {3}: {4}': '{0} {1}/{2} 的部分规则被 {3} 丢弃：{4}',
  'no rule of {0} {1}/{2} matches {3}{4}{5}: the Gateway answers 404':
    '{0} {1}/{2} 没有规则匹配 {3}{4}{5}：Gateway 返回 404',
  ' (hostnames: {0})': '（hostnames：{0}）',
  'rule {0} ({1} {2})': '规则 {0}（{1} {2}）',
  'only {0} of {1} {2}/{3} admits {4}{5}, and it also needs {6}: whether a request is served depends on what it sends':
    '{1} {2}/{3} 中只有{0}接纳 {4}{5}，且它还要求{6}：请求能否被处理取决于请求携带的内容',
  'headers {0}': '请求头 {0}',
  'query parameters {0}': '查询参数 {0}',
  'method {0}': '方法 {0}',
  '{0} of {1} {2}/{3} gives every backend weight 0: it sends {4}{5} nowhere and the Gateway answers 500':
    '{1} {2}/{3} 的{0}把所有后端的权重都设为 0：{4}{5} 无处可发，Gateway 返回 500',
  '{0} sends to {1}{2} {3}/{4}: not a Service, not followed':
    '{0}发往 {1}{2} {3}/{4}：它不是 Service，不再继续追踪',
  '{0} sends to Service {1}/{2}, in another namespace, and no ReferenceGrant in {3} allows {4}s of {5} to reach it: the reference is refused':
    '{0}发往另一命名空间中的 Service {1}/{2}，而 {3} 中没有 ReferenceGrant 允许 {5} 的 {4} 访问它：该引用被拒绝',
  '{0} of {1} {2}/{3} sends {4}{5} to Service {6}/{7}, which does not exist: the Gateway answers 500':
    '{1} {2}/{3} 的{0}把 {4}{5} 发往 Service {6}/{7}，但该 Service 不存在：Gateway 返回 500',
  '{0} targets port {1} of Service {2}/{3}, which has only {4}':
    '{0}指向 Service {2}/{3} 的端口 {1}，但该 Service 现有端口：{4}',
  'no ports': '无',
  '{0} and {1}': '{0} 和 {1}',
  '{0} {1}/{2} does not exist': '{0} {1}/{2} 不存在',
  "{0} names the backend after the Service's port, and Service {1}/{2} has no port {3}":
    '{0} 按 Service 的端口命名后端，而 Service {1}/{2} 没有端口 {3}',
  "{0} names the backend after the Service's port, and the Service was not read":
    '{0} 按 Service 的端口命名后端，而该 Service 未能读取',
  'the requests, errors and latency at the ingress controller were not read: {0}':
    '未读取 Ingress 控制器处的请求数、错误和延迟：{0}',
  '5xx answers for {0} peaked at {1} of requests at the controller':
    '控制器处 {0} 的 5xx 响应峰值占请求的 {1}',
  '4xx answers for {0} peaked at {1} of requests': '{0} 的 4xx 响应峰值占请求的 {1}',
  "upstream p99 for {0} reached {1}, {2}× yesterday's {3}: the backend is slow, not the controller":
    '{0} 的上游 p99 达到 {1}，是昨天 {3} 的 {2} 倍：慢的是后端，而不是控制器',
  'the controller adds {0} at p99 over the upstream time':
    '控制器在上游耗时之外额外增加了 {0}（p99）',
  'the controller needs up to {0} (p99) to connect to the backend pods':
    '控制器连接后端 Pod 最多需要 {0}（p99）',
  'the controller reports Ingress {0}/{1} as orphaned ({2}): it answers 503':
    '控制器报告 Ingress {0}/{1} 处于孤立状态（{2}）：它返回 503',
  " while the API shows {0} ready pod: its health checks fail where the kubelet's pass":
    '，而 API 显示有 {0} 个就绪 Pod：它的健康检查失败，而 kubelet 的检查通过',
  " while the API shows {0} ready pods: its health checks fail where the kubelet's pass":
    '，而 API 显示有 {0} 个就绪 Pod：它的健康检查失败，而 kubelet 的检查通过',
  '{0} marks {1} backend target of {2} down ({3}){4}':
    '{0} 将 {2} 的 {1} 个后端目标标记为不可用（{3}）{4}',
  '{0} marks {1} backend targets of {2} down ({3}){4}':
    '{0} 将 {2} 的 {1} 个后端目标标记为不可用（{3}）{4}',
  'a controller pod': '某个控制器 Pod',
  'the last configuration reload failed on {0}: recent Ingress changes are not live{1}':
    '{0} 上最近一次配置重载失败：最近的 Ingress 变更未生效{1}',
  ", and {0}'s own requests fail at the controller": '，且 {0} 自身的请求在控制器处失败',
  'the certificate for {0} has expired': '{0} 的证书已过期',
  'the certificate for {0} expires in {1} days': '{0} 的证书将在 {1} 天后过期',
  'Ingress {0}/{1} has TLS, but not for {2}': 'Ingress {0}/{1} 配置了 TLS，但未覆盖 {2}',
  'Warning {0} on Ingress {1}/{2}: {3}': 'Ingress {1}/{2} 上的 Warning 事件 {0}：{3}',
  'cert-manager Certificate {0}/{1} for {2} (Secret {3}) is not Ready: {4}{5}':
    '{2} 的 cert-manager Certificate {0}/{1}（Secret {3}）未就绪：{4}{5}',
  'TLS Secret {0}/{1} for {2} does not exist: the controller serves its default certificate':
    '{2} 的 TLS Secret {0}/{1} 不存在：控制器将使用其默认证书',
  'TLS Secret {0}/{1} for {2} not checked: needs get on secrets (set HOPSCOPE_READ_TLS_SECRETS=1)':
    '未检查 {2} 的 TLS Secret {0}/{1}：需要对 secrets 的 get 权限（设置 HOPSCOPE_READ_TLS_SECRETS=1）',
  'Ingress {0}/{1} names IngressClass "{2}", which does not exist: no controller serves it':
    'Ingress {0}/{1} 引用的 IngressClass“{2}”不存在：没有控制器为其提供服务',
  'Ingress {0}/{1} names no class and the cluster has no default IngressClass':
    'Ingress {0}/{1} 未指定 class，且集群没有默认的 IngressClass',
  'IngressClass {0} is served by {1}, which Hopscope has no profile for':
    'IngressClass {0} 由 {1} 提供服务，而 Hopscope 没有它的 profile',
  'no {0} controller pod found ({1})': '未找到 {0} 控制器 Pod（{1}）',
  '{0} pod {1} is not ready ({2})': '{0} Pod {1} 未就绪（{2}）',
  'no rule of Ingress {0}/{1} matches {2}{3} and there is no default backend':
    'Ingress {0}/{1} 没有规则匹配 {2}{3}，且没有默认后端',
  'the rule for {0}{1} points at a {2} backend, not a Service':
    '{0}{1} 的规则指向 {2} 类型的后端，而不是 Service',
  resource: '资源',
  'the rule {0} {1} {2}': '规则 {0} {1} {2}',
  'the default backend': '默认后端',
  '{0} sends {1}{2} to Service {3}/{4}, which does not exist: the controller answers 503':
    '{0} 把 {1}{2} 发往 Service {3}/{4}，但该 Service 不存在：控制器返回 503',
  '{0} targets port {1} of Service {2}/{3}, which has only {4}: the controller answers 503':
    '{0} 指向 Service {2}/{3} 的端口 {1}，但该 Service 现有端口：{4}；控制器返回 503',
  'Ingress {0}/{1} does not exist': 'Ingress {0}/{1} 不存在',
  '{0} of {1} answered': '{1} 次中 {0} 次有应答',
  '{0} of {1} NXDOMAIN': '{1} 次中 {0} 次 NXDOMAIN',
  '{0} of {1} SERVFAIL': '{1} 次中 {0} 次 SERVFAIL',
  '{0} of {1} timed out': '{1} 次中 {0} 次超时',
  '{0} of {1} refused': '{1} 次中 {0} 次连接被拒绝',
  '{0} of {1} reset': '{1} 次中 {0} 次连接被重置',
  '{0} of {1} unreachable': '{1} 次中 {0} 次不可达',
  '{0} of {1} answered 5xx': '{1} 次中 {0} 次返回 5xx',
  '{0} of {1} connected but got no first byte': '{1} 次中 {0} 次已连接但未收到首字节',
  '{0} of {1} failed TLS': '{1} 次中 {0} 次 TLS 失败',
  '{0} of {1} connected': '{1} 次中 {0} 次已连接',
  '{0} of {1} failed': '{1} 次中 {0} 次失败',
  '{0}, from {1}: {2}{3}': '{0}，从 {1} 探测：{2}{3}',
  ' (answered in {0} ms at the median)': '（应答耗时中位数 {0} ms）',
  'through the ingress': '经由 Ingress',
  'through the gateway': '经由 Gateway',
  'through the node-port': '经由 NodePort',
  'through the VIP': '经由 VIP',
  'no probe was made from {0}{1}': '未从 {0} 进行任何探测{1}',
  ': the path has no address to probe': '：该路径没有可探测的地址',
  '{0} not probed: {1}': '{0} 未探测：{1}',
  'DNS for {0}: {1}{2}': '{0} 的 DNS：{1}{2}',
  ' — while the Service VIP answers: the break is DNS': '——而 Service VIP 有应答：故障出在 DNS',
  '{0}: {1} — while every endpoint pod answers directly ({2} of {3})':
    '{0}：{1}——而直接访问时每个端点 Pod 都有应答（{3} 个中 {2} 个）',
  '{0}: {1} — it accepts connections but does not answer: the app hangs, not the network':
    '{0}：{1}——它接受连接但不应答：是应用卡住了，而不是网络问题',
  'DNS answers take {0} ms at the median': 'DNS 应答耗时中位数为 {0} ms',
  'the time goes to the backend pods: they answer in {0} ms directly{1}{2}':
    '耗时在后端 Pod：直接访问时它们的应答耗时为 {0} ms{1}{2}',
  ' of {0} ms {1}': '（{1} 共 {0} ms）',
  ', {0} ms of it waiting for the first byte': '，其中 {0} ms 用于等待首字节',
  'the time is added on the way in: {0} ms {1}, {2}': '耗时增加在入口途中：{1} {0} ms，{2}',
  '{0} ms from the pods directly': '直接访问 Pod {0} ms',
  'the pods not measured': 'Pod 未测量',
};
