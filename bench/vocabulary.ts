/**
 * Word lists for the synthetic vaults: AI and tech news in Chinese with English
 * product and company names, ordered roughly from common to rare (the
 * generator picks with a Zipf skew, so order matters).
 */

export const COMPANIES = [
  'OpenAI', 'Google', 'Anthropic', 'Microsoft', 'NVIDIA', 'Meta', 'Apple', 'Amazon', 'DeepMind',
  'Moonshot', 'Hugging Face', 'Mistral', 'DeepSeek', '阿里巴巴', '腾讯', '字节跳动', '百度', '华为',
  'Intel', 'AMD', 'Qualcomm', 'Samsung', 'TSMC', 'Cerebras', 'ElevenLabs', 'Perplexity', 'xAI',
  'Cisco', 'ServiceNow', 'Salesforce', 'IBM', 'Oracle', 'Rackspace', 'Cloudflare', 'GitHub',
  'Databricks', 'Snowflake', 'Stability AI', 'Runway', 'Midjourney', 'Kuaishou', '智谱', 'MiniMax',
  '零一万物', '商汤', '寒武纪', '地平线', 'Arm', 'Broadcom', 'Micron', 'SK Hynix', 'Palantir',
] as const;

export const PRODUCTS = [
  'GPT-5.3-Codex', 'Claude Opus 4.6', 'Gemini 3 Pro', 'Kimi K2.5', 'GPT-5.2', 'Claude Sonnet 4.5',
  'Llama 4', 'DeepSeek-V4', 'Qwen3-Max', 'GitHub Copilot', 'VS Code', 'Gemini 3 Flash', 'Grok 4',
  'Mistral Large 3', 'Blackwell B300', 'H200', 'Rubin', 'TPU v7', 'Apple Intelligence', 'Sora 2',
  'Veo 3', 'Kling 3.0', 'Nemotron ColEmbed V2', 'Claude Code', 'Codex CLI', 'Cursor', 'Windsurf',
  'MCP Apps', 'Agent Swarm', 'Frontier', 'Project Genie', 'AI Studio', 'Pixel 9a', 'Apple Watch Series 11',
  'Snapdragon X2', 'M5 Ultra', 'Ryzen AI 400', 'Gaudi 4', 'GLM-5', 'MiniMax-M2', 'ERNIE 5', 'Hunyuan-T2',
  'Doubao-1.6', 'Phi-5', 'Gemma 4', 'Stable Diffusion 4', 'Whisper v4', 'Nova Premier', 'Trainium 3',
  'Daggr', 'OpenClaw', 'Community Evals', 'ThoughtSpot Spotter 3', 'Avocado', 'Virtual Boy',
] as const;

export const PEOPLE = [
  'Sam Altman', 'Dario Amodei', 'Demis Hassabis', 'Jensen Huang', 'Satya Nadella', 'Sundar Pichai',
  'Mark Zuckerberg', 'Lisa Su', 'Yann LeCun', 'Andrej Karpathy', 'Ilya Sutskever', 'Mira Murati',
  '杨植麟', '梁文锋', '李彦宏', '马化腾', '任正非', 'Arthur Mensch', 'Clem Delangue', 'Jeff Dean',
] as const;

/** Chinese terms, roughly by frequency in AI news. */
export const ZH_TERMS = [
  '大模型', '人工智能', '开源', '安全', '智能代理', '推理', '芯片', '训练', '多模态', '数据',
  '企业', '开发者', '上下文窗口', '编程', '算力', '发布', '融资', '监管', '隐私', '后门检测',
  '生成式AI', '机器人', '自动驾驶', '云计算', '数据中心', '能耗', '基准测试', '评测', '微调',
  '强化学习', '知识蒸馏', '检索增强生成', '向量数据库', '提示注入', '越狱攻击', '红队测试', '对齐',
  '幻觉', '长上下文', '混合专家', '量化', '端侧部署', '推理加速', '显存', '带宽', '光互连', '先进封装',
  '晶圆', '制程', '出口管制', '版权', '深度伪造', '内容审核', '数字人', '语音合成', '视频生成',
  '图像生成', '代码生成', '智能体协作', '工作流', '自动化', '生产力', '搜索引擎', '广告', '订阅',
  '商业化', '估值', '收购', '合作伙伴', '生态', '标准化', '互操作性', '开放规范', '社区', '许可证',
  '睡眠特工', '供应链', '漏洞', '补丁', '零日漏洞', '勒索软件', '身份认证', '权限治理', '合规',
  '欧盟人工智能法案', '可解释性', '公平性', '鲁棒性', '世界模型', '具身智能', '脑机接口', '量子计算',
  '超级计算机', '液冷', '边缘计算', '物联网', '智能手机', '可穿戴设备', '智能眼镜', '游戏', '影视',
  '教育', '医疗影像', '药物发现', '蛋白质结构', '气候模型', '金融风控', '法律助手', '客服', '翻译',
  '摘要', '知识图谱', '分词', '中文语料', '多语言', '低资源语言', '合成数据', '数据标注', '数据治理',
  '模型压缩', '稀疏注意力', '状态空间模型', '扩散模型', '自回归', '思维链', '工具调用', '函数调用',
  '沙箱', '插件', '浏览器代理', '桌面代理', '记忆模块', '个性化', '推荐系统', '用户体验', '延迟',
  '吞吐量', '成本', '价格战', '免费额度', '开发者大会', '路线图', '白皮书', '论文', '开源权重',
] as const;

/** Chinese glue for sentences: subjects' actions, evaluations and transitions. */
export const ZH_VERBS = [
  '发布了', '推出了', '开源了', '更新了', '宣布', '展示了', '收购了', '投资了', '升级了', '测试了',
  '集成了', '下调了', '提升了', '披露了', '修复了', '暂停了', '扩展了', '上线了',
] as const;

export const ZH_CLAUSES = [
  '性能提升显著', '成本降低一半', '引发行业广泛关注', '支持百万级上下文', '速度提升25%',
  '在多项基准测试中领先', '面向企业客户开放', '强化了安全防护', '推动了生态标准化',
  '降低了开发门槛', '带来新的安全风险', '仍存在明显短板', '开发者反馈积极', '监管机构表示关注',
  '市场份额持续扩大', '价格策略引发讨论', '社区贡献者大幅增加', '推理延迟明显下降',
  '训练数据来源受到质疑', '与竞争对手差距缩小',
] as const;

export const ZH_TRANSITIONS = [
  '此外，', '与此同时，', '值得注意的是，', '业内人士认为，', '据报道，', '另一方面，', '总体来看，',
  '短期内，', '长期来看，', '相比之下，', '根据官方博客，', '分析师指出，',
] as const;

export const EN_WORDS = [
  'AI', 'agent', 'model', 'open source', 'inference', 'benchmark', 'context window', 'API', 'SDK',
  'latency', 'throughput', 'fine-tuning', 'RAG', 'embedding', 'token', 'GPU', 'TPU', 'datacenter',
  'safety', 'alignment', 'reasoning', 'multimodal', 'coding', 'workflow', 'enterprise', 'startup',
  'funding', 'valuation', 'regulation', 'privacy', 'backdoor', 'jailbreak', 'prompt injection',
  'red teaming', 'evals', 'leaderboard', 'release notes', 'preview', 'beta', 'roadmap', 'pricing',
] as const;

export const SECTION_HEADINGS = [
  '亮点回顾', '深度报道与点评', '大模型动态', '开源生态', 'AI安全与风险防控', '芯片与算力',
  '企业AI应用与管理实践', '开发者工具', '产业与投融资', '政策与监管', '研究前沿', '生活科技及硬件新品评测',
  '影视与创意', '其他重要新闻摘要', '本周观点', '数据与评测', '机器人与具身智能', '总结',
] as const;

export const TAGS = [
  'AI', '大模型', '安全', '开源', '芯片', '智能代理', '推理', '编程', '监管', '融资', '多模态',
  '机器人', '云计算', '隐私', '硬件', '研究', 'Jeremy', '科技周刊', '周报', 'LLM', 'GPU', 'Agents',
] as const;

export const EXTERNAL_SITES = [
  'https://openai.com/index', 'https://www.anthropic.com/news', 'https://blog.google/technology/ai',
  'https://huggingface.co/blog', 'https://github.com', 'https://arxiv.org/abs', 'https://www.wired.com/story',
  'https://www.technologyreview.com', 'https://nvidianews.nvidia.com/news', 'https://www.theverge.com',
] as const;

/**
 * Series folders: topic, display name and the suffix of their titles. Vaults
 * with more series than listed reuse topics with a numeric suffix.
 */
export const SERIES = [
  { folder: 'ai-weekly', name: 'AI及科技新闻周报' },
  { folder: 'security-digest', name: 'AI安全周报' },
  { folder: 'open-source', name: '开源大模型周刊' },
  { folder: 'chips-and-compute', name: '芯片与算力周报' },
  { folder: 'dev-tools', name: '开发者工具周刊' },
  { folder: 'industry', name: '产业与投融资观察' },
  { folder: 'research', name: '研究前沿周报' },
  { folder: 'policy', name: '政策与监管周报' },
] as const;
