// Chinese for the finding catalogue (lib/model/catalogue): meaning, why and fix of every code.
import type { CodeEntry, FindingCode } from '@/lib/model/catalogue';

export const ZH_CATALOGUE_ENTRIES: Record<
  FindingCode,
  Pick<CodeEntry, 'meaning' | 'why' | 'fix'>
> = {
  // Step 1 — node / pod health
  NODE_NOT_READY: {
    meaning: '链路上的某个节点报告 Ready=False 或 Unknown。',
    why: 'NotReady 节点上的 Pod 会被移出端点，不再接收流量；Ready=Unknown 的节点已停止上报状态。',
    fix: '检查该节点上的 kubelet 和容器运行时（`journalctl -u kubelet`）；如果无法恢复，对其执行 cordon 和 drain。',
  },
  NODE_RUNTIME_UNHEALTHY: {
    meaning:
      'NotReady 消息指向容器运行时或 PLEG（“PLEG is not healthy”“container runtime is down”）。',
    why: 'kubelet 无法列出容器，因此无法在该节点上启动、停止 Pod，也无法上报其状态。',
    fix: '重启该节点上的容器运行时（containerd / CRI-O）；如果 PLEG relist 仍然缓慢，排查卡死的容器或已满的磁盘。',
  },
  NODE_PRESSURE: {
    meaning: '某个节点报告 MemoryPressure、DiskPressure 或 PIDPressure。',
    why: '资源承压时，kubelet 会驱逐 Pod，并拒绝新的 Pod。',
    fix: '释放该节点上的内存、磁盘或 PID，或将工作负载迁走。',
  },
  NODE_NETWORK_UNAVAILABLE: {
    meaning: '某个节点报告 NetworkUnavailable=True。',
    why: '该节点的 Pod 网络尚未配置好：其上的 Pod 无法被访问。',
    fix: '检查该节点上的 CNI 插件 Pod 和路由。',
  },
  NODE_UNSCHEDULABLE: {
    meaning: '链路上的某个节点已被封锁（cordon）。',
    why: '新的 Pod 不会调度到该节点，已有的 Pod 继续运行。通常说明正在进行维护。',
    fix: '维护结束后解除封锁：`kubectl uncordon NODE`。',
  },
  NODE_HEARTBEAT_STALE: {
    meaning: '该节点的 Lease 超过节点监控宽限期（node monitor grace period）仍未续约。',
    why: 'kubelet 已不再与 API 服务器通信；该节点将被标记为 NotReady，其上的 Pod 会被驱逐。',
    fix: '检查 kubelet 进程及其到 API 服务器的连通性。',
  },
  CLIENT_POD_NOT_FOUND: {
    meaning: '为该链路指定的客户端 Pod 不存在。',
    why: '无法从它出发追踪这条链路。',
    fix: '选择一个正在运行的客户端 Pod。',
  },
  CLIENT_POD_NOT_RUNNING: {
    meaning: '客户端 Pod 不处于 Running 且 Ready 的状态。',
    why: '它不会发出请求；它看到的情况并不代表这条链路。',
    fix: '选择一个正在运行的客户端 Pod，或先修复这个 Pod。',
  },
  POD_NOT_READY: {
    meaning: '某个后端 Pod 未就绪。',
    why: '未就绪的 Pod 会被移出就绪端点；如果全部未就绪，Service 就没有可转发的目标。',
    fix: '查看该 Pod 的就绪探针和容器日志。',
  },
  POD_CRASH_LOOP: {
    meaning: '某个容器处于 CrashLoopBackOff 状态。',
    why: '容器反复退出；在等待重启期间，Pod 处于未就绪状态。',
    fix: '查看上一次运行的日志（`kubectl logs --previous`）和最后的退出码。',
  },
  POD_RESTARTING: {
    meaning: '某个容器近期频繁重启。',
    why: '每次重启都会断开该 Pod 持有的连接，并使其在一段时间内不接收流量。',
    fix: '从最近一次的终止原因和上一次运行的日志中查找原因。',
  },
  POD_OOM_KILLED: {
    meaning: '某个容器上一次是被 OOM killer 终止的。',
    why: '它使用的内存超出了 limit；在相同负载下它会被反复杀死。',
    fix: '调高内存 limit，或修复内存泄漏。',
  },
  POD_WARNING_EVENTS: {
    meaning:
      'kubelet 或调度器在时间窗口内报告了某个后端 Pod 的 Warning 事件，且没有其他发现项能解释这些事件（例如网络无法建立的沙箱、无法挂载的卷、失败的 preStop 钩子）。',
    why: '这些事件往往是 Pod 从未启动或持续失败的唯一线索；Pod 看上去可能只是“未就绪”或“ContainerCreating”。',
    fix: '阅读事件消息：FailedCreatePodSandBox 指向该节点上的 CNI 插件，FailedMount 指向卷或其引用的 Secret / ConfigMap。',
  },
  POD_EVICTED: {
    meaning: '某个后端 Pod 被 kubelet 驱逐（phase 为 Failed，reason 为 Evicted）。',
    why: '节点的内存、磁盘或 PID 不足，因而终止了该 Pod；它不再提供服务，替代它的 Pod 也可能以同样的方式被驱逐。',
    fix: '在该节点上释放驱逐消息中指出的资源（通常是临时存储：日志、emptyDir、镜像），为该资源设置 requests 和 limits，然后删除被驱逐的 Pod。',
  },
  POD_IMAGE_PULL_FAILING: {
    meaning: '某个容器无法拉取其镜像（ErrImagePull / ImagePullBackOff）。',
    why: '容器始终无法启动。',
    fix: '检查镜像名称和 tag，以及镜像拉取 Secret。',
  },
  POD_CONTAINER_CREATE_ERROR: {
    meaning:
      '某个容器无法创建（CreateContainerError、CreateContainerConfigError、RunContainerError）。',
    why: '容器始终无法启动。',
    fix: '检查所引用的 ConfigMap、Secret 和卷，以及该节点上的容器运行时。',
  },
  POD_UNSCHEDULABLE: {
    meaning: '某个后端 Pod 处于 Pending 状态，因为没有节点能容纳它。',
    why: '该 Pod 始终不会运行；Service 比预期少一个副本。',
    fix: '阅读调度器给出的消息；释放资源或放宽调度约束。',
  },
  POD_READINESS_FAILING: {
    meaning: '某个后端 Pod 的就绪探针失败（Unhealthy 事件）。',
    why: '该 Pod 已经或即将被移出就绪端点。',
    fix: '检查探针调用的内容，以及应用能否及时响应。',
  },
  POD_ON_NOT_READY_NODE: {
    meaning: '某个后端 Pod 运行在 NotReady 的节点上。',
    why: '已无人能确认该 Pod 的状态；它的就绪状态会变为 False，并被移出端点。',
    fix: '修复该节点，或删除该 Pod，让其控制器在其他节点上重建它。',
  },
  POD_STUCK_TERMINATING: {
    meaning: '某个后端 Pod 处于 Terminating 状态的时间远超其宽限期。',
    why: '其所在节点没有完成删除；该 Pod 仍占用着它的 IP，可能仍在接收流量。',
    fix: '检查该节点；万不得已时执行 `kubectl delete pod --grace-period=0 --force`。',
  },
  POD_IP_DUPLICATE: {
    meaning: '同一个 Pod IP 被多个存活的 Pod 占用。',
    why: '发往该 IP 的流量会到达恰好应答的那个沙箱：一部分连接被拒绝，或落到错误的 Pod 中（泄漏的网络命名空间）。',
    fix: '删除残留的 Pod，或清理该节点上泄漏的沙箱（`crictl pods`、`ip netns`）；如果 CNI 仍反复复用该 IP，重启 CNI。',
  },
  ENDPOINT_IPS_PARTLY_CHECKED: {
    meaning:
      'Service 的端点地址数量超过了 Hopscope 逐个查询的上限；只抽样检查了一部分（优先检查最可疑的），看是否存在重复或泄漏的持有者。',
    why: '未检查的地址中如有重复 IP，将不会被发现。',
    fix: '对你怀疑的其余地址，用 `kubectl get pods -A --field-selector status.podIP=IP` 进行检查。',
  },
  MEMBERS_PARTLY_CHECKED: {
    meaning:
      '链路上的 Pod 或节点数量超过了单次诊断检查的上限；只检查了排在前面的部分，并给出了总数。',
    why: '未检查的 Pod 或节点中如有故障，将不会被发现；结论只适用于已检查的部分。',
    fix: '诊断范围更窄的链路（一个客户端、一个入口节点），或用 `kubectl get pods -o wide` 和 `kubectl get nodes` 检查其余部分。',
  },
  NODE_CPU_SATURATED: {
    meaning: '链路上的某个节点 CPU 几乎耗尽。',
    why: '该节点上的一切都会变慢，包括 kube-proxy 和 kubelet。',
    fix: '将负载迁走或增加容量。',
  },
  NODE_MEMORY_SATURATED: {
    meaning: '链路上的某个节点内存几乎耗尽。',
    why: 'kubelet 开始驱逐 Pod；OOM killer 可能会先动手。',
    fix: '找出内存占用最大的进程或 Pod；增加内存或迁移 Pod。',
  },
  NODE_CPU_PRESSURE: {
    meaning: '某个节点上的任务有很大比例的时间在等待 CPU（PSI）。',
    why: '该节点上所有 Pod 的延迟都会上升。',
    fix: '减少 CPU 争用：调整 limits、requests，或减少该节点上的 Pod。',
  },
  NODE_CONNTRACK_NEAR_LIMIT: {
    meaning: '某个节点的 conntrack 表接近上限。',
    why: '表满后，经过该节点的新连接会被静默丢弃。',
    fix: '调高 nf_conntrack_max、缩短超时时间，或找出连接泄漏。',
  },
  NODE_NETWORK_ERRORS: {
    meaning: '某个节点在接收数据包时出现丢包或错误。',
    why: '发往该节点上 Pod 的数据包丢失：导致重试和超时。',
    fix: '检查该节点的网卡、CNI 和环形缓冲区（ring buffer）。',
  },
  NODE_LISTEN_OVERFLOWS: {
    meaning: '某个节点上的 TCP 监听队列溢出。',
    why: '服务端 accept 太慢时，新连接会被丢弃。',
    fix: '找出处理缓慢的监听进程；调大其 backlog 或提升其处理能力。',
  },
  NODE_ORPHANED_CONTAINERS: {
    meaning: '在链路上的某个节点上，cAdvisor 仍在报告 API 中已不存在的 Pod 的容器。',
    why: '泄漏的沙箱仍占用着它们的 Pod IP：发往被复用 IP 的流量可能落到其中（N 个连接中有一个被拒绝）。',
    fix: '移除该节点上泄漏的沙箱（`crictl pods`、`crictl stopp/rmp`）；如果它们再次出现，重启容器运行时。',
  },
  POD_CPU_THROTTLED: {
    meaning: '某个后端容器在很大比例的调度周期内受到 CPU 限流（throttling）。',
    why: '请求在等待 CPU：即使节点还有空闲 CPU，延迟也会上升。',
    fix: '调高（或去掉）CPU limit，并检查 request 的设定是否合理。',
  },
  POD_MEMORY_NEAR_LIMIT: {
    meaning: '某个后端容器几乎用满了其内存 limit。',
    why: '下一次出现峰值时，它会被 OOMKilled。',
    fix: '调高 limit 或降低内存占用。',
  },
  POD_RESTARTS_IN_WINDOW: {
    meaning: '某个后端容器在事故时间窗口内重启了多次。',
    why: '每次重启都会断开连接，并使该 Pod 暂时不接收流量。',
    fix: '查看上一次运行的日志和最近一次的终止原因。',
  },

  // Step 2 — backend golden metrics
  LOG_STALL: {
    meaning:
      '某个处于 Running 且 Ready 状态的后端容器，在远超其通常间隔的时间内没有向 stdout/stderr 写入任何内容，同时它的请求失败或卡住。',
    why: '这是进程阻塞在已断开的 stdout 管道上的典型表现（常见于容器引擎重启之后）：探针通过，请求却挂起。',
    fix: '重启该 Pod（`kubectl delete pod`）；如果许多 Pod 同时停滞，查看它们所在节点上容器运行时的重启情况。',
  },
  GOLDEN_TRAFFIC_DROPPED: {
    meaning: '与一天前的同一时间窗口相比，后端完成的请求数降到了（几乎）为零。',
    why: '没有响应的后端与报错的后端同样是故障：客户端会超时或挂起。',
    fix: '检查请求是否仍然到达（Ingress、Service），以及应用是否卡住（线程、stdout 管道、锁）。',
  },
  GOLDEN_NOT_FORWARDED: {
    meaning:
      'Ingress 控制器或 Gateway 仍在接收发往该后端的请求，但由自己直接应答（Kong 或 Envoy 没有健康的目标）：请求没有到达后端。',
    why: '后端没有流量并不代表后端故障；把它当作后端故障会得出错误的原因。',
    fix: '查看第 5 步中关于控制器的发现项（被标记为 down 的目标、健康检查设置）；再确认后端能否响应其健康检查。',
  },
  GOLDEN_ERROR_RATIO_HIGH: {
    meaning: '后端应答中 5xx 的占比很高。',
    why: '这些请求对客户端来说都失败了。',
    fix: '在应用日志中查看失败的请求，并与最近一次部署进行对比。',
  },
  GOLDEN_LATENCY_ABOVE_BASELINE: {
    meaning: '后端 p99 延迟是其基线的数倍。',
    why: '客户端变慢或超时；请求不断排队积压。',
    fix: '排查饱和（CPU 限流、内存）以及后端的慢依赖。',
  },

  // Step 3 — DNS
  DNS_SERVICE_MISSING: {
    meaning: '没有 kube-system/kube-dns Service。',
    why: '使用 ClusterFirst DNS 策略的 Pod 没有集群解析器可用：任何 Service 名称都无法解析。',
    fix: '为 CoreDNS 重新创建 kube-dns Service。',
  },
  DNS_NO_READY_ENDPOINTS: {
    meaning: '集群 DNS Service 没有就绪端点。',
    why: 'Pod 发出的每次 DNS 查询都会超时。',
    fix: '恢复 CoreDNS Pod：检查它们的日志及所在节点。',
  },
  DNS_PODS_UNHEALTHY: {
    meaning: '部分 CoreDNS Pod 未就绪或在重启。',
    why: '承担负载的解析器变少；被路由到故障实例的查询会超时。',
    fix: '检查 CoreDNS Pod 及其日志。',
  },
  DNS_COREFILE_MISSING: {
    meaning: 'coredns ConfigMap 中没有 Corefile。',
    why: '无法检查 CoreDNS 的配置，而且 CoreDNS 一旦重启将无法启动。',
    fix: '恢复 coredns ConfigMap。',
  },
  DNS_COREFILE_NO_KUBERNETES: {
    meaning: 'Corefile 中没有用于 cluster.local 的 `kubernetes` 插件。',
    why: '集群内无法解析 Service 名称。',
    fix: '在 server 块中添加 `kubernetes cluster.local in-addr.arpa ip6.arpa`。',
  },
  DNS_COREFILE_FORWARD_LOOP: {
    meaning: 'Corefile 把查询转发给了自己（一个环回地址）。',
    why: '外部名称的查询形成循环；loop 插件检测到后会停止 CoreDNS，CoreDNS 随即反复重启。',
    fix: '转发到上游解析器，而不是 127.0.0.0/8。',
  },
  DNS_CLIENT_HOSTNETWORK_DEFAULT: {
    meaning: '客户端 Pod 使用 hostNetwork，且 dnsPolicy 为 ClusterFirst。',
    why: '在 hostNetwork 下，ClusterFirst 会回退为使用节点的解析器：Service 名称无法解析。需要使用 ClusterFirstWithHostNet。',
    fix: '在客户端 Pod 上设置 `dnsPolicy: ClusterFirstWithHostNet`。',
  },
  DNS_CLIENT_NOT_CLUSTER_DNS: {
    meaning: '客户端 Pod 没有使用集群解析器（dnsPolicy 为 Default，或为 None 但未配置集群 DNS）。',
    why: '在该 Pod 中无法解析集群内的 Service 名称。',
    fix: '使用 dnsPolicy ClusterFirst，或将集群 DNS 地址加入 dnsConfig.nameservers。',
  },
  NETPOL_EGRESS_BLOCKS_DNS: {
    meaning:
      'NetworkPolicy 对客户端 Pod 实施了出站（egress）隔离，且没有一条策略允许访问 CoreDNS Pod 的 53/UDP（可能还有 53/TCP）。',
    why: '解析器通过 UDP 发起查询：客户端的每次查询都会超时，因此即使 CoreDNS 正常，也无法解析任何 Service 名称。',
    fix: '添加一条出站规则（或策略），允许访问 kube-system 中 kube-dns Pod 的 53/UDP 和 53/TCP。',
  },
  NETPOL_EGRESS_BLOCKS_DNS_TCP: {
    meaning:
      '客户端 Pod 可以通过 UDP 发送 DNS 查询，但其出站 NetworkPolicy 丢弃了发往 CoreDNS 的 53/TCP。',
    why: 'UDP 容纳不下的大应答会被截断并改用 TCP 重试，而 TCP 被丢弃：这些查询会失败，小的查询则正常。',
    fix: '除 53/UDP 外，同时允许访问 kube-dns Pod 的 53/TCP。',
  },
  DNS_CLIENT_NDOTS_HIGH: {
    meaning: '客户端 Pod 将 ndots 设置为大于 5 的值。',
    why: '每个外部名称都会先依次拼接各个搜索域进行尝试：每次解析都会浪费多次查询。',
    fix: '调低 ndots（即使默认值 5 也会先尝试各搜索域），或对外部名称使用以点结尾的完全限定域名。',
  },
  DNS_EXTERNAL_NOT_RESOLVED: {
    meaning: '没有解析该主机的外部域名，因此无法确认它是否指向负载均衡器。',
    why: '过期或缺失的 DNS 记录会把客户端引向别处；只有解析该域名才能发现。',
    fix: '将 `dig +short HOST` 的结果与证据中的负载均衡器地址进行比较。',
  },
  DNS_EXTERNAL_NO_ADDRESS: {
    meaning: 'Ingress（及其控制器的 Service）没有发布负载均衡器地址。',
    why: '外部域名没有可指向的地址；客户端无法从集群外访问控制器。',
    fix: '检查控制器 Service 的负载均衡器分配情况，或控制器的 publish-service 设置。',
  },
  DNS_ERROR_RATIO_HIGH: {
    meaning: 'DNS 应答中 SERVFAIL 或 REFUSED 的占比很高。',
    why: '解析失败：客户端无法解析 Service 名称或外部名称。',
    fix: '检查 CoreDNS 所转发的上游解析器，以及 CoreDNS 日志。',
  },
  DNS_NXDOMAIN_HIGH: {
    meaning: '大部分 DNS 应答是 NXDOMAIN。',
    why: '通常是名称写错，或 ndots 导致按搜索路径反复尝试，使查询数量成倍增加。',
    fix: '检查客户端查询的名称及其 ndots / search 设置。',
  },
  DNS_LATENCY_HIGH: {
    meaning: 'CoreDNS 的 p99 延迟很高。',
    why: '每个新连接都要等待其 DNS 查询完成。',
    fix: '扩容 CoreDNS，启用 NodeLocal DNSCache，检查上游延迟。',
  },
  DNS_PANICS: {
    meaning: 'CoreDNS 在时间窗口内发生了 panic。',
    why: '发生 panic 的 CoreDNS 在重启期间会丢弃查询。',
    fix: '在 CoreDNS 日志中查找 panic 信息及引发它的插件。',
  },
  DNS_FORWARD_UNHEALTHY: {
    meaning: 'CoreDNS 对其上游解析器的健康检查失败。',
    why: '外部名称解析失败或变慢。',
    fix: '检查上游解析器以及到它们的网络路径。',
  },

  // Step 4 — Service / kube-proxy
  ENDPOINT_IP_ORPHANED: {
    meaning: '某个端点地址不属于任何现存的 Pod。',
    why: 'kube-proxy 会把一部分流量发往一个无人提供服务的地址。',
    fix: 'EndpointSlice 已过期：检查 kube-controller-manager 和端点控制器。',
  },
  ENDPOINT_IP_MISMATCH: {
    meaning: '某个端点地址被另一个 Pod 占用，而不是它所指向的那个 Pod。',
    why: '本应发往某个 Pod 的流量落到了另一个 Pod 中：该地址在某个沙箱泄漏期间被复用了。',
    fix: '删除占用该 IP 但并非端点目标的 Pod，并查明该 IP 为何被复用。',
  },
  SVC_NOT_FOUND: {
    meaning: '链路上的 Service 不存在。',
    why: '该名称解析不到任何地址，也不存在 VIP。',
    fix: '创建该 Service，或修正客户端（或 Ingress）所使用的名称。',
  },
  SVC_TYPE_MISMATCH: {
    meaning: 'Service 类型与链路不符（例如 NodePort 链路上的 ClusterIP Service）。',
    why: '不会为它开放节点端口。',
    fix: '更改 Service 类型，或按该 Service 所提供的链路类型进行诊断。',
  },
  SVC_NO_SELECTOR: {
    meaning: '该 Service 没有 selector：其端点由人工维护。',
    why: '没有任何组件让端点与 Pod 保持一致。',
    fix: '确认由谁写入它的 EndpointSlice，或添加 selector。',
  },
  SVC_SELECTOR_NO_MATCH: {
    meaning: 'Service 的 selector 在其命名空间中匹配不到任何 Pod。',
    why: 'Service 没有端点：每个连接都会被拒绝或超时。',
    fix: '修正 selector 或 Pod 标签（常见原因是某个标签拼写错误）。',
  },
  SVC_PORT_NOT_FOUND: {
    meaning: '链路所用的端口不是该 Service 的端口。',
    why: '发往 VIP 该端口的连接无处可去。',
    fix: '使用 Service 已有的端口之一，或添加该端口。',
  },
  SVC_TARGET_PORT_MISSING: {
    meaning: 'Service 使用了具名 targetPort，但被选中的 Pod 没有声明该名称的端口。',
    why: '不会为这些 Pod 的该端口发布任何端点：流量无处可去。',
    fix: '按 Service 的预期为容器端口命名，或修改 targetPort。',
  },
  SVC_TARGET_PORT_NOT_DECLARED: {
    meaning: '数字形式的 targetPort 不在被选中 Pod 的容器端口之中。',
    why: '如果应用确实在该端口监听，仍然可以工作；但这往往是过时的端口号。',
    fix: '检查应用实际监听的端口。',
  },
  SVC_PROTOCOL_MISMATCH: {
    meaning: 'Service 端口的协议与容器端口的协议不一致。',
    why: '用 TCP 访问 UDP 监听端口（或反之）永远无法连通。',
    fix: '统一两者的协议。',
  },
  SVC_NO_ENDPOINTSLICES: {
    meaning: '该 Service 选中了 Pod，但没有任何 EndpointSlice。',
    why: 'kube-proxy 没有可下发的规则；端点控制器可能已停止工作。',
    fix: '检查 kube-controller-manager。',
  },
  SVC_NO_READY_ENDPOINTS: {
    meaning: 'Service 没有任何就绪端点。',
    why: 'kube-proxy 会丢弃或拒绝所有发往 VIP 的连接。',
    fix: '查明 Pod 未就绪的原因（见第 1 步的发现项）。',
  },
  SVC_SOME_ENDPOINTS_NOT_READY: {
    meaning: 'Service 的部分端点未就绪。',
    why: '全部流量由就绪的端点承担；容量下降。',
    fix: '查看第 1 步中的 Pod。',
  },
  ENDPOINT_ON_NOT_READY_NODE: {
    meaning: 'Service 的某个就绪端点位于 NotReady 或已停止上报状态的节点上。',
    why: '该端点已过期：已无人能确认该 Pod 的状态，但在节点生命周期控制器将其标记为未就绪之前，kube-proxy 仍会把一部分流量发给它。',
    fix: '修复或腾空（drain）该节点；如果其上的 Pod 一直保持就绪，检查 kube-controller-manager（节点生命周期控制器）是否在运行，以及 node-monitor 宽限期的设置。',
  },
  SVC_PUBLISH_NOT_READY: {
    meaning: 'Service 会发布未就绪的地址，且部分 Pod 未就绪。',
    why: '流量会到达已声明自己无法提供服务的 Pod。',
    fix: '除非客户端需要（例如对等发现），否则关闭 publishNotReadyAddresses。',
  },
  SVC_ETP_LOCAL_NO_ENDPOINT: {
    meaning: 'externalTrafficPolicy 为 Local，而入口节点上没有就绪的本地端点。',
    why: '该节点会丢弃到达其节点端口的流量，而不是转发出去。',
    fix: '只把流量发往有本地端点的节点（依据健康检查节点端口），或改用 Cluster。',
  },
  SVC_ITP_LOCAL_NO_ENDPOINT: {
    meaning: 'internalTrafficPolicy 为 Local，而客户端所在节点上没有就绪的本地端点。',
    why: '从该节点发往 VIP 的流量会被丢弃。',
    fix: '在每个客户端节点上运行一个后端（DaemonSet），或改用 Cluster。',
  },
  KUBE_PROXY_MISSING: {
    meaning: '对该链路有影响的某个节点上没有运行 kube-proxy Pod。',
    why: '该节点上没有（或只有过期的）Service 规则：在该节点上连接 VIP 或节点端口会失败。',
    fix: '检查 kube-proxy DaemonSet（nodeSelector、tolerations）以及该节点。',
  },
  KUBE_PROXY_PARTLY_CHECKED: {
    meaning:
      '链路上的节点数超出了单次诊断所读取的 kube-proxy Pod 能覆盖的范围；只在列出的节点上检查了 kube-proxy。',
    why: '其余节点中如有节点缺少 kube-proxy，将不会被发现。',
    fix: '用 `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide` 检查其余节点。',
  },
  KUBE_PROXY_NOT_READY: {
    meaning: '对链路有影响的某个节点上的 kube-proxy Pod 未就绪或在重启。',
    why: '它的规则会过期：新的端点不会被下发。',
    fix: '查看其日志：`kubectl logs -n kube-system POD`。',
  },
  KUBE_PROXY_REPLACED: {
    meaning: '集群中没有运行 kube-proxy（例如使用了 Cilium 或其他替代方案）。',
    why: 'Service 路由由其他组件完成，本步骤不检查该组件。',
    fix: '检查替代组件（例如 `cilium service list`）。',
  },
  NETPOL_BLOCKS_CLIENT: {
    meaning: 'NetworkPolicy 选中了后端 Pod，但没有一条允许客户端访问目标端口。',
    why: '来自客户端的连接在后端 Pod 处被丢弃。',
    fix: '添加一条允许该客户端的入站（ingress）规则（podSelector、namespaceSelector 和端口）。',
  },
  NETPOL_EGRESS_BLOCKS_BACKEND: {
    meaning:
      'NetworkPolicy 对客户端 Pod 实施了出站隔离，且没有一条允许访问后端 Pod 上 Service 的目标端口。',
    why: '经过 DNAT 后，连接的目的地是后端 Pod 的 IP 和端口；客户端不允许向那里发送，因此连接根本出不了客户端。',
    fix: '添加一条出站规则（或策略），允许访问后端 Pod（namespaceSelector 和 podSelector）的容器端口。',
  },
  NETPOL_EGRESS_UNDECIDED: {
    meaning:
      '无法判断客户端的出站策略是否允许访问该目的地（未能读取某个命名空间的标签，或客户端使用 hostNetwork）。',
    why: '不知道客户端能否向那里发送：绝不会显示为允许。',
    fix: '授予对相关命名空间的读取权限，或针对 hostNetwork Pod 检查网络插件。',
  },
  KUBE_PROXY_RULES_STALE: {
    meaning: '链路上某个节点的 kube-proxy 已长时间没有同步规则。',
    why: '新端点不会下发到该节点：流量会发往旧的 Pod，或无处可去。',
    fix: '查看该节点上的 kube-proxy 日志；如果它卡住了，重启它。',
  },
  KUBE_PROXY_SYNC_SLOW: {
    meaning: 'kube-proxy 规则同步耗时很长（p99）。',
    why: '端点变化要很晚才能生效到数据平面。',
    fix: 'iptables 规则集过大：考虑使用 nftables 或 IPVS 模式；每个节点都持有所有 Service 的规则，减少 Service 和端点数量可缩短每次同步。',
  },
  KUBE_PROXY_PROGRAMMING_SLOW: {
    meaning:
      '端点变化要很久才能反映到节点上的规则中（网络编程延迟（network programming latency）p99）。',
    why: '新 Pod 很晚才收到流量，已移除的 Pod 仍在持续收到流量。',
    fix: '查看 API 服务器和 kube-proxy 的负载；大型集群中还要关注 EndpointSlice 的频繁变更（churn）和同步周期。',
  },
  KUBE_PROXY_RESTORE_FAILURES: {
    meaning: '时间窗口内 iptables-restore 执行失败。',
    why: '规则更新没有生效。',
    fix: '在 kube-proxy 日志中查找 restore 错误（锁争用、内核模块）。',
  },
  KUBE_PROXY_NO_LOCAL_ENDPOINTS: {
    meaning: 'kube-proxy 观察到发往 Local 策略 Service 的流量，但本节点没有本地端点。',
    why: '这些流量在该节点上被丢弃。',
    fix: '只把流量发往有本地端点的节点，或改用 Cluster 策略。',
  },

  // Step 5 — Ingress
  INGRESS_NOT_FOUND: {
    meaning: '链路上的 Ingress 不存在。',
    why: '控制器没有该主机的路由。',
    fix: '创建该 Ingress，或选择正确的 Ingress。',
  },
  INGRESS_CLASS_MISSING: {
    meaning: 'Ingress 指定的 IngressClass 不存在，或未指定 IngressClass 且没有默认类。',
    why: '没有控制器认领该 Ingress：其规则永远不会生效。',
    fix: '将 spec.ingressClassName 设置为一个已存在的类。',
  },
  INGRESS_CONTROLLER_UNKNOWN: {
    meaning: '该 IngressClass 的控制器不在 Hopscope 的控制器 profile 中。',
    why: '无法找到它的 Pod 和指标，因此控制器这一跳的状态未知。',
    fix: '为该控制器添加一个 profile。',
  },
  INGRESS_NO_CONTROLLER_PODS: {
    meaning: '未找到 Ingress 控制器的任何 Pod。',
    why: '没有任何组件为该 Ingress 提供服务。',
    fix: '检查控制器的 Deployment / DaemonSet。',
  },
  INGRESS_CONTROLLER_POD_UNHEALTHY: {
    meaning: '某个 Ingress 控制器 Pod 未就绪或在重启。',
    why: '路由到它的请求会失败；其余 Pod 承担负载。',
    fix: '查看控制器日志。',
  },
  INGRESS_NO_RULE_MATCH: {
    meaning: 'Ingress 中没有规则匹配该主机和路径，且没有默认后端。',
    why: '控制器返回 404（或由控制器自己的默认后端应答）。',
    fix: '为该主机和路径添加规则，或修正 pathType / host。',
  },
  INGRESS_BACKEND_NOT_SERVICE: {
    meaning: '匹配的规则指向一个资源后端（resource backend），而不是 Service。',
    why: '无法沿这条链路追踪到 Pod。',
    fix: '检查该资源后端。',
  },
  INGRESS_BACKEND_SERVICE_MISSING: {
    meaning: '匹配规则的后端 Service 不存在。',
    why: '控制器返回 503。',
    fix: '创建该 Service，或修正规则中的名称。',
  },
  INGRESS_BACKEND_PORT_MISSING: {
    meaning: '匹配规则的后端端口不是该 Service 的端口。',
    why: '控制器没有上游：返回 503。',
    fix: '使用 Service 中定义的端口名称或端口号。',
  },
  INGRESS_TLS_HOST_NOT_COVERED: {
    meaning: 'Ingress 配置了 TLS，但不包括该主机。',
    why: 'HTTPS 客户端拿到的是默认证书，证书校验失败。',
    fix: '将该主机加入某个 tls 条目。',
  },
  INGRESS_TLS_SECRET_MISSING: {
    meaning: '为该主机指定的 TLS Secret 不存在。',
    why: '控制器会提供它自带的默认假证书（fake certificate）。',
    fix: '创建该 Secret（通过 cert-manager，或 `kubectl create secret tls`）。',
  },
  INGRESS_TLS_NOT_CHECKED: {
    meaning:
      '没有检查该主机的 TLS Secret 是否存在：读取 Secret 的功能已关闭，而 cert-manager 和事件都没有给出相关信息。',
    why: 'Secret 缺失会导致控制器提供其默认证书；这一可能无法排除。',
    fix: '自行检查该 Secret，或允许 Hopscope 读取 Secret 元数据：授予 secrets 的 get 权限，并设置 HOPSCOPE_READ_TLS_SECRETS=1。',
  },
  INGRESS_TLS_CERTIFICATE_NOT_READY: {
    meaning: '该主机 TLS Secret 对应的 cert-manager Certificate 未处于 Ready 状态。',
    why: 'Secret 中没有有效证书时，控制器会提供其默认证书，或一个已过期的证书。',
    fix: '查看该 Certificate 及其 CertificateRequest 和 Order：签发者（issuer）通常会说明原因。',
  },
  INGRESS_TLS_WARNING_EVENT: {
    meaning: '有一条关于该 Ingress 的 Warning 事件提到了它的 TLS Secret。',
    why: '控制器或 cert-manager 无法为该主机使用这个 Secret。',
    fix: '查看该事件及其提到的 Secret。',
  },
  INGRESS_5XX_HIGH: {
    meaning: '在控制器处，该 Ingress 和主机的请求中 5xx 的占比很高。',
    why: '这些请求对客户端来说都失败了。',
    fix: '与后端错误进行对比：如果出现 502/503/504 而后端没有错误，问题在控制器或其上游列表。',
  },
  INGRESS_4XX_HIGH: {
    meaning: '该 Ingress 和主机的大部分请求以 4xx 结束。',
    why: '通常是路由错误（404），或应用前面的认证拦截。',
    fix: '检查规则以及客户端请求的路径。',
  },
  INGRESS_METRICS_UNKNOWN: {
    meaning:
      '未能读取 Ingress 控制器在该链路上的请求量、错误和延迟：其控制器不提供按 Ingress 划分的时间序列，或无法确定它为后端使用的名称。',
    why: '控制器可能在为该 Ingress 提供服务的同时仍返回错误：这部分没有被检查。',
    fix: '查看控制器自带的仪表盘；也可以为它添加一个 profile（lib/profiles/ingress-controllers.ts）。',
  },
  INGRESS_UPSTREAM_TARGETS_DOWN: {
    meaning:
      'Ingress 控制器自身的健康检查将该链路的后端目标标记为 down（Kong 的 upstream target health、Traefik 的 server up）。',
    why: '控制器不再向这些目标发送请求；当所有目标都 down 时，无论 Pod 报告什么状态，控制器都会自己返回 503。',
    fix: '将控制器健康检查的路径、端口和超时与 Pod 的就绪探针进行对比；在控制器 Pod 中用 curl 访问该目标。',
  },
  INGRESS_UPSTREAM_SLOW: {
    meaning: '经由控制器的上游（后端）响应 p99 是其基线的数倍。',
    why: '控制器正常；是后端响应缓慢。',
    fix: '检查后端：饱和、依赖、近期部署。',
  },
  INGRESS_CONTROLLER_OVERHEAD: {
    meaning: '控制器处的请求延迟远高于上游延迟。',
    why: '时间耗费在控制器本身（排队、TLS、缓冲）。',
    fix: '检查控制器的 CPU、worker connections 和缓冲设置。',
  },
  INGRESS_UPSTREAM_CONNECT_SLOW: {
    meaning: '控制器与后端 Pod 建立连接耗时很长（连接时间 p99）。',
    why: 'Pod 接受连接缓慢（监听队列已满），或到 Pod 的网络丢弃了 SYN。',
    fix: '检查后端节点上的监听队列溢出和 conntrack，以及 Pod 的 accept 循环。',
  },
  INGRESS_ORPHANED: {
    meaning: '控制器报告该 Ingress 处于孤立（orphaned）状态：其 Service 缺失或没有端点。',
    why: '对它的请求会收到控制器返回的 503。',
    fix: '修复后端 Service 或其端点（第 1 步和第 4 步）。',
  },
  INGRESS_RELOAD_FAILED: {
    meaning: '控制器最近一次配置重载失败。',
    why: '它仍在使用之前的配置：最近的 Ingress 变更没有生效。',
    fix: '在控制器日志中查找被拒绝的配置（通常来自注解中的 snippet）。',
  },
  INGRESS_CERT_EXPIRING: {
    meaning: '为该主机提供的证书即将过期，或已经过期。',
    why: '证书过期后，客户端将拒绝连接。',
    fix: '续期证书（检查 cert-manager）。',
  },

  // Step 5 — Gateway API
  GATEWAY_ROUTE_NOT_FOUND: {
    meaning: '链路上的 HTTPRoute 不存在。',
    why: '没有 Gateway 会把该主机和路径路由到后端。',
    fix: '创建该 HTTPRoute，或选择正确的 HTTPRoute。',
  },
  GATEWAY_ROUTE_NOT_ATTACHED: {
    meaning: 'HTTPRoute 没有指定父资源，或没有控制器将其挂接到父资源上（status.parents 为空）。',
    why: '没有挂接到任何父资源的路由不会由任何 Gateway 提供服务。',
    fix: '在 spec.parentRefs 中指定一个 Gateway（并在 sectionName 中指定监听器），然后确认其控制器接受了该路由。',
  },
  GATEWAY_ROUTE_NOT_ACCEPTED: {
    meaning:
      'Gateway 的控制器没有接受该路由挂接到该父资源（status.parents[].conditions 中 Accepted=False）。',
    why: 'Gateway 不为该路由提供服务：原因见 NotAllowedByListeners、NoMatchingListenerHostname、NoMatchingParent 或 UnsupportedValue。',
    fix: '确保监听器允许该路由的命名空间和类型、双方的主机名有交集，并且 sectionName/port 指向一个监听器。',
  },
  GATEWAY_ROUTE_REFS_UNRESOLVED: {
    meaning: '该路由的某个引用无法解析（ResolvedRefs=False）。',
    why: 'RefNotPermitted、InvalidKind、BackendNotFound 或 UnsupportedProtocol：对于本应发往该错误后端的那部分流量，该规则返回 500。',
    fix: '修正 backendRef（kind、name、port），或添加跨命名空间引用所需的 ReferenceGrant。',
  },
  GATEWAY_ROUTE_PARTIALLY_INVALID: {
    meaning: '控制器将该路由中的部分规则视为无效并丢弃（PartiallyInvalid=True）。',
    why: '被丢弃的规则不提供任何服务。',
    fix: '阅读状态条件的消息，并修正其中指出的规则。',
  },
  GATEWAY_STATUS_STALE: {
    meaning:
      '某个状态条件是针对该对象较旧的 generation 写入的（observedGeneration 落后于 metadata.generation）。',
    why: '控制器尚未处理最近一次修改（它可能已停止工作或处理滞后）：status 描述的是对象之前的样子。',
    fix: '检查 Gateway 控制器的 Pod 和日志。',
  },
  GATEWAY_NO_RULE_MATCH: {
    meaning: 'HTTPRoute 中没有规则匹配该主机和路径（hostnames 及路径匹配）。',
    why: 'Gateway 对该请求返回 404。',
    fix: '将该主机加入 spec.hostnames，或在路由的规则中添加匹配该路径的 match。',
  },
  GATEWAY_RULE_CONDITIONAL: {
    meaning: 'HTTPRoute 中唯一接受该主机和路径的规则，还要求特定的请求头、查询参数或方法。',
    why: '不带这些条件的请求会得到 404，带上的则会被处理：这里无法得知用户实际发送的是哪一种。',
    fix: '确认客户端发送了该规则所需的内容，或为不带条件的路径添加一条规则。',
  },
  GATEWAY_BACKEND_NOT_SERVICE: {
    meaning: '匹配规则的 backendRef 不是 Service：Hopscope 只跟踪 Service。',
    why: '它背后的部分没有被检查。',
    fix: '用该后端自己的工具检查它。',
  },
  GATEWAY_BACKEND_SERVICE_MISSING: {
    meaning: '匹配规则的后端 Service 不存在。',
    why: '对于本应发往该后端的流量，Gateway 返回 500。',
    fix: '创建该 Service，或修正 backendRef 中的名称。',
  },
  GATEWAY_BACKEND_PORT_MISSING: {
    meaning: '匹配规则的 backendRef 端口不是该 Service 的端口。',
    why: 'Gateway 在该端口上没有上游。',
    fix: '使用 Service 中定义的端口。',
  },
  GATEWAY_BACKEND_WEIGHTS_ZERO: {
    meaning: '匹配规则的所有 backendRef 权重均为 0。',
    why: '该规则不会把流量发往任何地方：Gateway 返回 500。',
    fix: '至少为一个 backendRef 设置大于 0 的权重。',
  },
  GATEWAY_REFERENCEGRANT_MISSING: {
    meaning:
      '某个 backendRef 指向另一个命名空间中的 Service，而该命名空间中没有 ReferenceGrant 允许路由所在命名空间的 HTTPRoute 引用它。',
    why: 'Gateway 拒绝该引用（RefNotPermitted），并对该后端返回 500。',
    fix: '在 Service 所在的命名空间中创建一个 ReferenceGrant，允许路由所在命名空间的 HTTPRoute 引用该 Service。',
  },
  GATEWAY_NOT_FOUND: {
    meaning: '路由指定的某个 Gateway 不存在。',
    why: '那里没有任何组件为该路由监听。',
    fix: '修正 spec.parentRefs，或创建该 Gateway。',
  },
  GATEWAY_NO_DATA_PLANE: {
    meaning: '没有任何 Service 或 Pod 带有 Gateway 控制器为该 Gateway 创建的代理所打的标签。',
    why: '无论其 status 怎么说，Gateway 的地址上都没有代理在应答。',
    fix: '查看控制器的日志，以及它本应为该 Gateway 创建的 Deployment；如果数据平面是手动部署的，检查其标签。',
  },
  GATEWAY_DATA_PLANE_POD_UNHEALTHY: {
    meaning: 'Gateway 数据平面中的某个代理 Pod 未就绪。',
    why: '它已不再接收流量；如果所有代理 Pod 都如此，Gateway 将不应答任何请求。',
    fix: '对该 Pod 执行 `kubectl describe` 和 `kubectl logs`：是否崩溃、就绪检查失败，或未从控制器获得配置。',
  },
  GATEWAY_CLASS_NOT_ACCEPTED: {
    meaning: 'Gateway 的 GatewayClass 不存在，或其控制器没有接受它（Accepted 不为 True）。',
    why: '没有控制器为该类的 Gateway 下发配置。',
    fix: '安装 spec.controllerName 中指定的控制器，或使用一个已被接受的类。',
  },
  GATEWAY_NOT_ACCEPTED: {
    meaning: '控制器没有接受该 Gateway（Accepted=False）。',
    why: 'Invalid、InvalidParameters、UnsupportedAddress 或 ListenersNotValid：该 Gateway 没有按所写的配置提供服务。',
    fix: '阅读状态条件的消息，并修正 Gateway 的 spec。',
  },
  GATEWAY_NOT_PROGRAMMED: {
    meaning: 'Gateway 尚未在其数据平面中完成配置（Programmed 不为 True）。',
    why: 'Invalid、NoResources、AddressNotAssigned、AddressNotUsable 或 Pending：发往它的流量不会被处理。',
    fix: '阅读状态条件的消息；检查控制器的日志以及数据平面的 Service 和 Pod。',
  },
  GATEWAY_LISTENER_HOSTNAME_MISMATCH: {
    meaning: '在路由所挂接的 Gateway 中，没有监听器接受该链路的主机名。',
    why: 'Gateway 不会把该主机路由到这个路由。',
    fix: '为该主机添加一个监听器，或放宽监听器的 hostname（例如 *.example.com）。',
  },
  GATEWAY_LISTENER_UNHEALTHY: {
    meaning: '为该主机提供服务的某个监听器存在冲突、未被接受、未完成配置，或有未解析的引用。',
    why: 'HostnameConflict、ProtocolConflict、PortUnavailable、UnsupportedProtocol、InvalidRouteKinds 或无效的证书引用：该监听器不提供服务。',
    fix: '阅读监听器状态条件的消息，并修正该监听器。',
  },
  GATEWAY_METRICS_UNKNOWN: {
    meaning:
      '未能读取 Gateway 的请求量、错误和延迟：其控制器没有指标 profile、不提供按路由划分的时间序列，或集群没有可用的 Prometheus。',
    why: 'Gateway 可能已完成配置但仍在返回错误：这部分没有被检查。',
    fix: '查看控制器自带的仪表盘；也可以为它添加一个 profile（lib/profiles/gateway-controllers.ts）。',
  },
  GATEWAY_5XX_HIGH: {
    meaning: 'Gateway 针对该路由规则的上游响应中有一部分是 5xx。',
    why: '访问该主机的用户会收到错误。',
    fix: '检查后端 Pod（第 1 步）及其日志；带有 no healthy upstream 的 503 指向端点问题（第 4 步）。',
  },
  GATEWAY_UPSTREAM_SLOW: {
    meaning: 'Gateway 针对该路由规则的上游 p99 是昨天同期的数倍。',
    why: '后端响应缓慢；原因不在 Gateway。',
    fix: '查看后端的黄金指标（第 2 步）和饱和情况（第 1 步）。',
  },
  GATEWAY_UPSTREAM_CONNECT_FAILING: {
    meaning: 'Gateway 无法连接到该路由的后端 Pod。',
    why: '落到这些 Pod 上的请求会失败或被重试。',
    fix: '确认 Pod 在 targetPort 上监听，并且 NetworkPolicy 允许来自 Gateway 的流量。',
  },

  // Step 6 — path trace
  TRACE_DNS_FAILING: {
    meaning: '向集群 DNS 服务器查询该 Service 名称失败（部分或全部）。',
    why: '按名称连接的客户端永远无法访问该 Service，即使其 VIP 能够应答。',
    fix: '查看 CoreDNS（第 3 步）：其 Pod、日志，以及 kube-dns Service 的端点。',
  },
  TRACE_VIP_FAILING_PODS_ANSWER: {
    meaning: '连接 Service VIP 失败，而每个端点 Pod 都能被直接访问。',
    why: 'Pod 正常；出问题的是客户端所在节点上把 VIP 映射到 Pod 的机制（kube-proxy 的规则），或 Service 的端口映射。',
    fix: '检查客户端所在节点上的 kube-proxy（第 4 步），以及 Service 的 port 和 targetPort。',
  },
  TRACE_ENDPOINT_FAILING: {
    meaning: '直接连接某个端点 Pod IP 失败（部分或全部）。',
    why: 'VIP 发往该 Pod 的请求会失败：如果只有部分尝试失败，则表现为一部分请求间歇性失败。',
    fix: '查看该 Pod（第 1 步）：重启、就绪状态，以及是否有另一个存活的 Pod 占用相同的 IP。',
  },
  TRACE_NO_FIRST_BYTE: {
    meaning: '某个端点 Pod 接受了连接，但始终没有返回第一个字节。',
    why: '网络正常：是应用挂起了（stdout 阻塞、死锁、连接池耗尽）。',
    fix: '查看应用：日志的最后一行、线程；如果无法恢复，重启该 Pod。',
  },
  TRACE_NODEPORT_FAILING: {
    meaning: '连接某个节点的 NodePort 失败（部分或全部）。',
    why: '从该节点进入的客户端无法访问该 Service。',
    fix: '检查该节点上的 kube-proxy，以及 Service 的 externalTrafficPolicy（第 4 步）。',
  },
  TRACE_INGRESS_FAILING: {
    meaning: '通过控制器地址访问该 Ingress 主机的请求失败（部分或全部）。',
    why: '访问该主机的用户无法到达后端。',
    fix: '查看控制器的 Pod 及其中与该主机相关的日志（第 5 步）。',
  },
  TRACE_GATEWAY_FAILING: {
    meaning: '通过 Gateway 数据平面 Service 访问该主机的请求失败（部分或全部）。',
    why: '访问该主机的用户无法通过 Gateway 到达后端。',
    fix: '查看 Gateway 的 status、它的代理，以及代理中与该主机相关的日志（第 5 步）。',
  },
  TRACE_SLOW: {
    meaning: '有应答的探测耗时很长，各层的耗时显示了时间花在哪里。',
    why: '用户至少要等待这么久；耗时所在的那一层就是要排查的地方。',
    fix: '查看所指出的那一跳：后端自身的延迟（第 2 步）、Ingress 控制器的开销（第 5 步），或 DNS（第 3 步）。',
  },
  TRACE_NOT_PROBED: {
    meaning: '链路的某一层无法探测（不在链路范围内，或本次运行超时）。',
    why: '探测没有提供关于该层的任何信息。',
    fix: '重新运行追踪，或减少尝试次数后再运行。',
  },

  // Sources — any step
  METRICS_UNAVAILABLE: {
    meaning: '无法为这一跳查询 Prometheus（不可达、超时、出错）。',
    why: '这一跳的指标部分状态未知：不会假定它是健康的。',
    fix: '确认 Prometheus 在所配置的 URL（及其租户请求头）上能够应答，并检查查询超时设置。',
  },
  METRICS_SERIES_ABSENT: {
    meaning: 'Prometheus 中没有这一跳所需的时间序列。',
    why: '该组件很可能没有被抓取；其指标部分状态未知。',
    fix: '为发现项中指出的组件添加抓取配置或 ServiceMonitor。',
  },
  SOURCE_UNAVAILABLE: {
    meaning: '无法读取某个数据源（403、超时、5xx、不可达）。',
    why: '它本应显示的内容状态未知，绝不会被假定为健康。',
    fix: '授予证据中指出的权限，或检查 API 服务器 / Prometheus。',
  },
  METRICS_STALE: {
    meaning:
      '某一跳所依赖的时间序列在时间窗口结束之前就中断了：其最新样本已超出 Prometheus 自身仍会采用的时间范围。',
    why: '按其最后几个数据点判断，会把已停止的 exporter 或已停止的应用判定为健康；它反映的并不是当前状态。',
    fix: '在 Prometheus 中检查抓取目标（Status → Targets）：exporter 或应用可能已停止，或其 Pod 已不存在。',
  },
};
