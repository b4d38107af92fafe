"""Vendor names used by SMS aggregator libraries and configuration blocks,
mapped to the human provider name of the `provider` attribute."""

from __future__ import annotations

# overtrue/easy-sms gateway names (src/Gateways/<Name>Gateway.php, lower-cased)
EASY_SMS_GATEWAYS: dict[str, str] = {
    "aliyun": "Alibaba Cloud",
    "aliyunrest": "Alibaba Cloud (Alidayu)",
    "aliyunintl": "Alibaba Cloud (international)",
    "aliyundypns": "Alibaba Cloud (Dypns)",
    "qcloud": "Tencent Cloud",
    "huawei": "Huawei Cloud",
    "yunpian": "Yunpian",
    "submail": "Submail",
    "luosimao": "Luosimao",
    "yuntongxun": "Ronglian",
    "huyi": "Huyi",
    "juhe": "Juhe",
    "sendcloud": "SendCloud",
    "baidu": "Baidu Cloud",
    "chuanglan": "Chuanglan 253",
    "chuanglanv1": "Chuanglan 253",
    "twilio": "Twilio",
    "tiniyo": "Tiniyo",
    "rongcloud": "Rongcloud",
    "qiniu": "Qiniu",
    "ucloud": "UCloud",
    "smsbao": "Smsbao",
    "moduyun": "Moduyun",
    "rongheyun": "Zhutong",
    "zzyun": "Zzyun",
    "maap": "China Unicom 5G MAAP",
    "yidongmasblack": "China Mobile 云MAS",
    "ctyun": "China Telecom 天翼云",
    "volcengine": "Volcengine",
    "yunxin": "NetEase Yunxin",
    "kingtto": "Kingtto",
    "tinree": "Tinree",
    "nowcn": "Nowcn",
    "ue35": "UE35",
    "weiqucloud": "Weiqucloud",
    "tianyiwuxian": "Tianyi Wuxian",
    "huaxin": "Huaxin",
}

# dromara SMS4J supplier ids (SupplierConstant / `supplier:` values), normalised
# (lower case, "-" and "_" removed)
SMS4J_SUPPLIERS: dict[str, str] = {
    "alibaba": "Alibaba Cloud",
    "huawei": "Huawei Cloud",
    "tencent": "Tencent Cloud",
    "yunpian": "Yunpian",
    "unisms": "UniSMS",
    "jdcloud": "JD Cloud",
    "cloopen": "Ronglian",
    "emay": "Emay",
    "ctyun": "China Telecom 天翼云",
    "netease": "NetEase Yunxin",
    "zhutong": "Zhutong",
    "dingzhong": "Dingzhong",
    "lianlu": "Lianlu",
    "qiniu": "Qiniu",
    "yixintong": "China Unicom 一信通",
    "mas": "China Mobile 云MAS",
    "budingyun": "Budingyun",
    "chuanglan": "Chuanglan 253",
    "jiguang": "Jiguang",
    "danmi": "Danmi",
    "submail": "Submail",
    "baidu": "Baidu Cloud",
    "luosimao": "Luosimao",
    "mysubmail": "Submail",
}


def norm_vendor(name: str) -> str:
    return name.strip().lower().replace("-", "").replace("_", "")
