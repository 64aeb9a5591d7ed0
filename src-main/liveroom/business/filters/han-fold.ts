/**
 * Traditional → simplified Chinese for matching only: a filter term written in one script catches
 * the other ("發票" and "发票" are the same word to a reader). Character by character, which is how
 * OpenCC's own character table starts (its phrase tables only matter for converting text people
 * read, not for catching a word).
 *
 * The table is the characters that differ among the commonly used ones (about 448), not
 * Unicode's whole Unihan mapping: `opencc-js` (its t2s character dictionary) is the package to put
 * behind `toSimplified` when it is added as a dependency; nothing else would change.
 */

/** Pairs "traditional simplified", space-separated. */
const pairs = [
  '們们 個个 來来 時时 國国 會会 後后 說说 對对 這这 過过 還还 從从',
  '開开 關关 動动 與与 見见 現现 實实 點点 學学 問问 題题 電电 話话',
  '長长 門门 東东 車车 馬马 鳥鸟 魚鱼 龍龙 頭头 髮发 發发 體体 錢钱',
  '買买 賣卖 錯错 醫医 藥药 變变 讓让 認认 識识 語语 讀读 寫写 聽听',
  '覺觉 親亲 愛爱 戀恋 歡欢 樂乐 氣气 飛飞 廣广 場场 網网 絡络 視视',
  '頻频 圖图 書书 館馆 號号 碼码 賬账 戶户 銀银 貨货 幣币 總总 統统',
  '黨党 軍军 隊队 戰战 爭争 殺杀 傷伤 亂乱 罵骂 賤贱 滾滚 雞鸡 爛烂',
  '騙骗 賭赌 販贩 槍枪 彈弹 襲袭 擊击 獨独 習习 進进 單单 雙双 齊齐',
  '陽阳 陰阴 陸陆 島岛 臺台 灣湾 區区 縣县 鄉乡 鎮镇 萬万 億亿 幾几',
  '無无 種种 樣样 邊边 頁页 觀观 權权 義义 務务 經经 濟济 價价 貴贵',
  '華华 業业 專专 職职 員员 轉转 運运 輸输 軟软 測测 試试 錄录 顯显',
  '驗验 證证 紅红 綠绿 藍蓝 黃黄 標标 準准 帶带 條条 張张 處处 聲声',
  '燈灯 廠厂 歲岁 麼么 嗎吗 麵面 裡里 兒儿 為为 衛卫 風风 雲云 魯鲁',
  '鐵铁 鋼钢 針针 錶表 鍵键 鎖锁 間间 閃闪 陣阵 際际 險险 隨随 隱隐',
  '難难 雜杂 離离 靈灵 韓韩 頒颁 領领 願愿 類类 顏颜 飯饭 餓饿 騷骚',
  '驚惊 鬥斗 鬧闹 麗丽 齒齿 傳传 僅仅 優优 償偿 儲储 兇凶 凱凯 劃划',
  '劇剧 勁劲 勝胜 勞劳 勢势 匯汇 協协 厭厌 參参 吳吴 喪丧 嚇吓 嚴严',
  '園园 團团 圍围 壓压 壞坏 壯壮 夢梦 夠够 奪夺 奮奋 婦妇 媽妈 孫孙',
  '寶宝 將将 層层 屬属 嶺岭 幫帮 帳帐 庫库 廢废 彎弯 徑径 復复 徵征',
  '懷怀 戲戏 擁拥 擋挡 據据 擔担 擇择 擴扩 攝摄 敵敌 數数 斷断 於于',
  '昇升 晉晋 曉晓 曬晒 棄弃 極极 構构 槓杠 樓楼 機机 檢检 櫃柜 歐欧',
  '歷历 殘残 毆殴 決决 沒没 漢汉 潔洁 濕湿 灑洒 災灾 煙烟 熱热 營营',
  '爺爷 牆墙 狀状 獄狱 獎奖 環环 產产 畫画 異异 當当 療疗 盡尽 監监',
  '盤盘 眾众 睜睁 礙碍 祕秘 禍祸 禮礼 穩稳 窮穷 競竞 筆笔 節节 範范',
  '簡简 糧粮 糾纠 紀纪 約约 級级 紙纸 細细 終终 組组 結结 給给 絕绝',
  '繼继 續续 罰罚 聯联 肅肃 膽胆 臉脸 興兴 舊旧 艦舰 莊庄 葉叶 蘇苏',
  '蟲虫 術术 補补 裝装 製制 複复 襪袜 訂订 計计 訊讯 討讨 記记 許许',
  '設设 評评 詞词 詢询 該该 詳详 誇夸 誠诚 誤误 課课 調调 談谈 請请',
  '諾诺 謀谋 謝谢 講讲 謊谎 護护 豐丰 負负 財财 貧贫 責责 貼贴 費费',
  '資资 賊贼 賠赔 賴赖 贏赢 趕赶 跡迹 踐践 輕轻 輛辆 輩辈 辦办 農农',
  '連连 週周 遊游 遠远 選选 遺遗 鄰邻 釋释 鍋锅 鐘钟 閉闭 闆板 隻只',
  '雖虽 靜静 響响 頂顶 項项 順顺 須须 預预 頓顿 頸颈 顧顾 飲饮 飽饱',
  '駕驾 騎骑 髒脏 鬆松 麥麦 黴霉 龜龟 傢家 夥伙 妳你 檯台 颱台 屍尸',
  '姦奸 腦脑 穢秽 幹干 乾干 鬍胡 衝冲 嘔呕 醜丑 妝妆 聞闻 詐诈 賺赚',
  '貸贷 違违 規规 惡恶 罷罢 縱纵',
].join(' ')

let table: Map<string, string> | undefined

/** The simplified form of one Han character; itself when it has none (or already is one). */
export function toSimplified(char: string): string {
  if (!table) {
    table = new Map()
    for (const pair of pairs.split(' ')) {
      const [traditional, simplified] = [...pair]
      if (traditional && simplified) table.set(traditional, simplified)
    }
  }
  return table.get(char) ?? char
}
